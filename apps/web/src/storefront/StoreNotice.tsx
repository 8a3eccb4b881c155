import type { ReactNode } from 'react';

/** A problem inside a page (the store itself answered): what happened, and what the visitor can do. */
export function StoreNotice({ titulo, children, onRetry }: { titulo: string; children?: ReactNode; onRetry?: () => void }) {
  return (
    <div className="aviso" role="alert">
      <p className="aviso__titulo">{titulo}</p>
      {children}
      {onRetry && (
        <button type="button" className="botao botao--primario" onClick={onRetry}>
          Tentar de novo
        </button>
      )}
    </div>
  );
}
