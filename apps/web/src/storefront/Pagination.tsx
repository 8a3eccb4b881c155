import { Link, useSearchParams } from 'react-router-dom';
import { withParams } from './catalogue-query';

/** Pages to offer around the current one: first, last and two on each side, gaps as `null`. */
export function pageWindow(current: number, last: number): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let page = 1; page <= last; page++) {
    if (page === 1 || page === last || Math.abs(page - current) <= 2) pages.push(page);
    else if (pages[pages.length - 1] !== null) pages.push(null);
  }
  return pages;
}

/** Real links (`?page=N`, other parameters kept): they open in a new tab and the back button undoes them. */
export function Pagination({ page, total, perPage }: { page: number; total: number; perPage: number }) {
  const [params] = useSearchParams();
  const last = Math.max(1, Math.ceil(total / perPage));
  if (last === 1) return null;
  const hrefOf = (n: number) => `?${withParams(params, { page: n > 1 ? String(n) : null }).toString()}`;
  return (
    <nav className="paginacao" aria-label="Páginas do catálogo">
      <ul>
        {page > 1 && (
          <li>
            <Link to={hrefOf(page - 1)} className="paginacao__passo" aria-label="Página anterior">
              ‹ Anterior
            </Link>
          </li>
        )}
        {pageWindow(page, last).map((n, index) =>
          n === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="paginacao__lacuna">
              …
            </li>
          ) : (
            <li key={n}>
              <Link to={hrefOf(n)} aria-current={n === page ? 'page' : undefined} aria-label={`Página ${n}`}>
                {n}
              </Link>
            </li>
          ),
        )}
        {page < last && (
          <li>
            <Link to={hrefOf(page + 1)} className="paginacao__passo" aria-label="Próxima página">
              Próxima ›
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
