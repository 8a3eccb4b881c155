import { useLayoutEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, isAbort } from '../shared/api';
import { Loading } from '../shared/Loading';
import { useLoja } from '../shared/loja';
import { useDocumentTitle } from '../shared/use-document-title';
import { CatalogueFilters, SortSelect } from './CatalogueFilters';
import { activeFilterCount, catalogueQuery, countText, pageOf, PER_PAGE } from './catalogue-query';
import type { CatalogueItem, Paginacao } from './catalogue-types';
import { loadProblem } from './load-problem';
import { Pagination } from './Pagination';
import { StoreNotice } from './StoreNotice';
import { verticalUiOf } from './verticals';

type Listing = { key: string; items: CatalogueItem[]; paginacao: Paginacao } | { key: string; error: unknown };

/** `/`: the store's catalogue, one page of it, as the URL's filters, sort and page ask. */
export function CataloguePage() {
  const loja = useLoja();
  const ui = verticalUiOf(loja.vertical);
  const [params] = useSearchParams();
  const query = useMemo(() => catalogueQuery(ui, params), [ui, params]);
  const key = new URLSearchParams(query).toString();
  const [listing, setListing] = useState<Listing | null>(null);
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(ui.words.catalogo, loja.nome);

  // Asked for as soon as the page is in the DOM, not after the browser has laid it out and painted it
  // (when plain effects run): the listing is the last request on a first visit's critical path, and
  // bench:web measured the wait at ~100 ms less on this machine.
  useLayoutEffect(() => {
    const controller = new AbortController();
    api<Record<string, unknown>>(ui.path, { query: new URLSearchParams(key), signal: controller.signal })
      .then((answer) => {
        const items = (answer[ui.listKey] as CatalogueItem[] | undefined) ?? [];
        setListing({ key, items, paginacao: answer.paginacao as Paginacao });
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setListing({ key, error });
      });
    return () => controller.abort();
  }, [ui, key, attempt]);

  const { Card } = ui;
  let results;
  if (listing === null) results = <Loading texto={`Carregando ${ui.words.plural}…`} />;
  else if ('error' in listing) {
    const problem = loadProblem(listing.error, `os ${ui.words.plural}`);
    results = (
      <StoreNotice titulo={problem.titulo} onRetry={problem.retry ? () => setAttempt((n) => n + 1) : undefined}>
        {activeFilterCount(ui, params) > 0 && (
          <p>
            <Link to="/">Ver todo o catálogo</Link>
          </p>
        )}
      </StoreNotice>
    );
  } else {
    const { items, paginacao } = listing;
    results = (
      <>
        <p className="resultados__total" role="status">
          {countText(paginacao.total, ui.words.singular, ui.words.plural)}
        </p>
        {items.length === 0 ? (
          <div className="vazio">
            <p>Nenhum {ui.words.singular} encontrado com esses filtros.</p>
            {activeFilterCount(ui, params) > 0 && <Link to="/">Ver todo o catálogo</Link>}
          </div>
        ) : (
          <ul className="grade" aria-busy={listing.key !== key}>
            {items.map((item) => (
              <Card key={item.id} item={item} />
            ))}
          </ul>
        )}
        <Pagination page={pageOf(params)} total={paginacao.total} perPage={PER_PAGE} />
      </>
    );
  }

  return (
    <div className="catalogo">
      <div className="catalogo__cabecalho">
        <h1>{ui.words.catalogo}</h1>
        <SortSelect ui={ui} />
      </div>
      <div className="catalogo__corpo">
        <CatalogueFilters ui={ui} />
        <section className="resultados" aria-labelledby="resultados-titulo">
          <h2 id="resultados-titulo" className="sr-only">
            Resultados
          </h2>
          {results}
        </section>
      </div>
    </div>
  );
}
