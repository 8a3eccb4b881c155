/** Photos of catalogue items (carros' `car_images`, imoveis' `imagens`); names are code constants. */
export interface PhotoKind {
  table: string;
  fk: string;
  parentTable: string;
  parentPath: string;
  parentLabel: string;
  tag: string;
}
