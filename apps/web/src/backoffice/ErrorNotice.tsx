import { isApiError } from '../shared/api';

/** What went wrong, in words for the person on the page; 403 is always "no permission". */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 403 && error.code !== 'ORIGEM_INVALIDA' && error.code !== 'LOJA_INDISPONIVEL')
      return error.message && error.code !== 'HTTP_403' ? `Sem permissão: ${error.message}` : 'Você não tem permissão para fazer isso.';
    return error.message;
  }
  return 'Algo deu errado. Tente de novo.';
}

/** An error from the server, announced to screen readers as soon as it appears. */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="bo-aviso bo-aviso--erro" role="alert">
      {errorMessage(error)}
    </p>
  );
}
