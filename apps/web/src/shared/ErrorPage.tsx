import type { ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from './api';
import { useDocumentTitle } from './use-document-title';

export type LojaProblem = 'nao-encontrada' | 'indisponivel' | 'fora-do-ar';

/** What the store's `/api/loja` answer means for the visitor: 404 unknown, 403 suspended, anything else down. */
export function lojaProblemOf(error: unknown): LojaProblem {
  if (error instanceof ApiError && error.code !== NETWORK_ERROR) {
    if (error.status === 404) return 'nao-encontrada';
    if (error.status === 403) return 'indisponivel';
  }
  return 'fora-do-ar';
}

const PAGES: Record<LojaProblem, { titulo: string; texto: string; icone: string }> = {
  'nao-encontrada': {
    titulo: 'Loja não encontrada',
    texto: 'Não existe nenhuma loja neste endereço. Confira se ele foi digitado corretamente.',
    icone: '?',
  },
  indisponivel: {
    titulo: 'Loja indisponível no momento',
    texto: 'Esta loja está temporariamente fora do ar. Volte mais tarde.',
    icone: '!',
  },
  'fora-do-ar': {
    titulo: 'Não conseguimos falar com a loja agora',
    texto: 'Pode ser uma instabilidade passageira. Tente de novo em instantes.',
    icone: '…',
  },
};

/** A whole page for when there is no store to show (no header, no chat). */
export function ErrorPage({ problem, onRetry }: { problem: LojaProblem; onRetry?: () => void }) {
  const page = PAGES[problem];
  useDocumentTitle(page.titulo);
  return (
    <div className="pagina-erro">
      <main id="conteudo" className="pagina-erro__caixa">
        <ProblemMessage titulo={page.titulo} icone={page.icone}>
          <p>{page.texto}</p>
          {problem === 'fora-do-ar' && onRetry && (
            <button type="button" className="botao botao--primario" onClick={onRetry}>
              Tentar de novo
            </button>
          )}
        </ProblemMessage>
      </main>
    </div>
  );
}

export function ProblemMessage({ titulo, icone, children }: { titulo: string; icone: string; children: ReactNode }) {
  return (
    <div className="problema">
      <span className="problema__icone" aria-hidden="true">
        {icone}
      </span>
      <h1>{titulo}</h1>
      {children}
    </div>
  );
}
