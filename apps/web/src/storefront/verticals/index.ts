import type { Vertical } from '../../shared/loja';
import type { CatalogueItem } from '../catalogue-types';
import type { VerticalUi } from '../vertical-ui';
import { carrosUi } from './carros';
import { imoveisUi } from './imoveis';

const UIS: Record<Vertical, VerticalUi<CatalogueItem>> = {
  carros: carrosUi as unknown as VerticalUi<CatalogueItem>,
  imoveis: imoveisUi as unknown as VerticalUi<CatalogueItem>,
};

/** The storefront's words, filters and cards for the store's vertical (from `/api/loja`). */
export const verticalUiOf = (vertical: Vertical): VerticalUi<CatalogueItem> => UIS[vertical];
