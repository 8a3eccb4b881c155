import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from '../shared/use-document-title';

/**
 * The page's <h1>, which takes the keyboard focus after every route change so screen-reader and
 * keyboard users start at the new page (not at the link they left). Also names the tab.
 */
export function PageHeading({ children, title, suffix }: { children: ReactNode; title: string; suffix: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useDocumentTitle(title, suffix);
  useEffect(() => {
    ref.current?.focus();
  }, [pathname]);
  return (
    <h1 ref={ref} tabIndex={-1} className="pagina__titulo">
      {children}
    </h1>
  );
}

/** A list page's heading, named as the page, with the link to add a new item beside it (for those who may). */
export function PageHeadingBar({ title, suffix, newItem }: { title: string; suffix: string; newItem?: { to: string; label: ReactNode } }) {
  return (
    <div className="pagina__cabecalho">
      <PageHeading title={title} suffix={suffix}>
        {title}
      </PageHeading>
      {newItem && (
        <Link to={newItem.to} className="botao botao--primario">
          {newItem.label}
        </Link>
      )}
    </div>
  );
}
