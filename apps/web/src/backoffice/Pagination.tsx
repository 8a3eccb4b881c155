/** Previous / next and where we are; hidden when everything fits on one page. */
export function Pagination({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="bo-paginacao" aria-label="Paginação">
      <button type="button" className="botao" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Anterior
      </button>
      <span aria-live="polite">
        Página {page} de {pages}
      </span>
      <button type="button" className="botao" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Próxima
      </button>
    </nav>
  );
}
