import type { CatalogueItem } from './catalogue-types';
import type { VerticalUi } from './vertical-ui';

/** Items per catalogue page: a 3×4 grid on a wide screen. */
export const PER_PAGE = 12;

/**
 * The robot's listing query for the page's URL: the page's URL speaks the robot's parameter names,
 * so filters, sort and page survive a reload and back/forward. Unknown parameters are ignored (a
 * hand-edited URL never turns into a refused request) and the default sort is never sent.
 */
export function catalogueQuery(ui: VerticalUi<CatalogueItem>, params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const filter of ui.filters) {
    const value = params.get(filter.name)?.trim();
    if (value) query[filter.name] = value;
  }
  const ordem = sortOf(ui, params);
  if (ordem !== ui.sorts[0].value) query.ordem = ordem;
  query.page = String(pageOf(params));
  query.per_page = String(PER_PAGE);
  return query;
}

export function sortOf(ui: VerticalUi<CatalogueItem>, params: URLSearchParams): string {
  const ordem = params.get('ordem');
  return ui.sorts.some((sort) => sort.value === ordem) ? (ordem as string) : ui.sorts[0].value;
}

export function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** How many of the vertical's filters the URL sets. */
export const activeFilterCount = (ui: VerticalUi<CatalogueItem>, params: URLSearchParams): number =>
  ui.filters.filter((filter) => params.get(filter.name)?.trim()).length;

/** The URL's parameters with some replaced (`''` or `null` removes one). */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}

/** `1 veículo encontrado`, `12 imóveis encontrados`. */
export const countText = (total: number, singular: string, plural: string): string =>
  total === 1 ? `1 ${singular} encontrado` : `${total.toLocaleString('pt-BR')} ${plural} encontrados`;
