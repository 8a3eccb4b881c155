import type { ComponentType } from 'react';
import type { CatalogueItem } from './catalogue-types';

export interface FilterOption {
  value: string;
  label: string;
}

/** One filter of the catalogue; `name` is the robot's query parameter and the page's URL parameter. */
export interface FilterField {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'select';
  options?: FilterOption[];
  placeholder?: string;
  min?: number;
  max?: number;
  step?: number;
}

/** What makes the car storefront differ from the real-estate one; everything else is shared. */
export interface VerticalUi<Item extends CatalogueItem> {
  /** Robot path and storefront route prefix: `/veiculos`, `/imoveis`. */
  path: string;
  /** Key of the items in the listing answer. */
  listKey: string;
  /** Field naming the item in `POST /visitante/agendamentos`. */
  bookingField: 'veiculo_id' | 'imovel_id';
  /** `tipo` of the booking when the vertical has kinds (carros: `test_drive`). */
  bookingTipo?: string;
  words: {
    singular: string;
    plural: string;
    /** Heading of the catalogue page. */
    catalogo: string;
    /** `Agendar test drive`, `Agendar visita`. */
    agendar: string;
    /** `test drive`, `visita`, in sentences. */
    agendamento: string;
    naoEncontrado: string;
    vendedor: string;
  };
  filters: FilterField[];
  /** `ordem` values; the first one is the robot's default and is never sent. */
  sorts: FilterOption[];
  titleOf(item: Item): string;
  Card: ComponentType<{ item: Item }>;
  /** The item's facts on its detail page (price, specs). */
  Ficha: ComponentType<{ item: Item }>;
}

/** The price range every catalogue is filtered by (the robots' `preco_min` / `preco_max`). */
export const PRICE_FILTERS: FilterField[] = [
  { name: 'preco_min', label: 'Preço mínimo (R$)', kind: 'number', min: 0, step: 1000 },
  { name: 'preco_max', label: 'Preço máximo (R$)', kind: 'number', min: 0, step: 1000 },
];

/** The sort orders every catalogue has (the robots' `ordem`), before each vertical's own. */
export const COMMON_SORTS: FilterOption[] = [
  { value: 'recentes', label: 'Mais recentes' },
  { value: 'menor_preco', label: 'Menor preço' },
  { value: 'maior_preco', label: 'Maior preço' },
];
