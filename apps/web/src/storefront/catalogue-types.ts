/** The robots' catalogue answers (carros-api `/veiculos`, imoveis-api `/imoveis`), as the storefront reads them. */
import type { Foto } from '@helix/contracts';

export type { Finalidade, Foto, Imovel, ImovelTipo, Veiculo } from '@helix/contracts';

export interface CatalogueItem {
  id: number;
  fotos: Foto[];
  descricao: string | null;
}

/** `GET /veiculos` → `{veiculos: […], paginacao}`; `GET /imoveis` → `{imoveis: […], paginacao}`. */
export interface Paginacao {
  page: number;
  per_page: number;
  total: number;
}
