import { isApiError } from '../shared/api';

/** What went wrong reading the store's data, in the visitor's words, and whether trying again may help. */
export function loadProblem(error: unknown, what: string): { titulo: string; retry: boolean } {
  if (isApiError(error)) {
    if (error.status === 403) return { titulo: 'Esta loja está indisponível no momento.', retry: false };
    if (error.status === 400) return { titulo: 'Algum filtro tem um valor inválido. Corrija ou limpe os filtros.', retry: false };
    if (error.status === 429) return { titulo: 'Muitos acessos em pouco tempo. Aguarde alguns segundos e tente de novo.', retry: true };
  }
  return { titulo: `Não conseguimos carregar ${what} agora. Tente de novo em instantes.`, retry: true };
}
