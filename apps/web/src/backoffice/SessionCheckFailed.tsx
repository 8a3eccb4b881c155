import { ErrorNotice } from './ErrorNotice';

/** The server could not say whether there is a session: what went wrong and a way to ask again. */
export function SessionCheckFailed({ heading, error, onRetry }: { heading: string; error: unknown; onRetry: () => void }) {
  return (
    <main id="conteudo" className="entrada">
      <h1>{heading}</h1>
      <ErrorNotice error={error} />
      <button type="button" className="botao botao--primario" onClick={onRetry}>
        Tentar de novo
      </button>
    </main>
  );
}
