import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, isAbort, isApiError } from '../shared/api';
import { Loading } from '../shared/Loading';
import { useLoja } from '../shared/loja';
import { useDocumentTitle } from '../shared/use-document-title';
import { BookingForm } from './BookingForm';
import type { CatalogueItem } from './catalogue-types';
import { Gallery } from './Gallery';
import { loadProblem } from './load-problem';
import { StoreNotice } from './StoreNotice';
import { verticalUiOf } from './verticals';

type Loaded = { id: string; item: CatalogueItem & { status?: string } } | { id: string; error: unknown };

const STATUS_NOTES: Record<string, string> = {
  reservado: 'Reservado',
  vendido: 'Vendido',
  alugado: 'Alugado',
};

/** `/veiculos/:id`, `/imoveis/:id`: one item with its photos, facts, description and the booking form. */
export function DetailPage() {
  const loja = useLoja();
  const ui = verticalUiOf(loja.vertical);
  const { id = '' } = useParams();
  const location = useLocation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const current = loaded?.id === id ? loaded : null;
  const item = current && 'item' in current ? current.item : null;
  useDocumentTitle(item ? ui.titleOf(item) : null, loja.nome);

  useEffect(() => {
    const controller = new AbortController();
    if (!/^\d{1,10}$/.test(id)) {
      setLoaded({ id, error: null });
      return;
    }
    api<CatalogueItem>(`${ui.path}/${id}`, { signal: controller.signal })
      .then((answer) => setLoaded({ id, item: answer }))
      .catch((error: unknown) => {
        if (!isAbort(error)) setLoaded({ id, error });
      });
    return () => controller.abort();
  }, [ui, id, attempt]);

  // Back to the catalogue page the visitor came from, filters included.
  const catalogo = (location.state as { catalogo?: string } | null)?.catalogo ?? '';
  const voltar = (
    <Link to={`/${catalogo}`} className="voltar">
      ‹ Voltar ao catálogo
    </Link>
  );

  if (!current) return <Loading />;
  if ('error' in current) {
    const missing = current.error === null || (isApiError(current.error) && current.error.status === 404);
    if (missing) {
      return (
        <div className="detalhe">
          {voltar}
          <h1>{ui.words.naoEncontrado}</h1>
          <p>Ele pode ter sido vendido ou removido do catálogo.</p>
        </div>
      );
    }
    const problem = loadProblem(current.error, `este ${ui.words.singular}`);
    return (
      <div className="detalhe">
        {voltar}
        <StoreNotice titulo={problem.titulo} onRetry={problem.retry ? () => setAttempt((n) => n + 1) : undefined} />
      </div>
    );
  }

  const { Ficha } = ui;
  const titulo = ui.titleOf(current.item);
  const statusNote = STATUS_NOTES[current.item.status ?? ''];
  return (
    <article className="detalhe">
      {voltar}
      <h1 className="detalhe__titulo">
        {titulo}
        {statusNote && <span className="selo">{statusNote}</span>}
      </h1>
      <div className="detalhe__grade">
        <Gallery key={current.item.id} fotos={current.item.fotos} titulo={titulo} />
        <div className="detalhe__ficha">
          <Ficha item={current.item} />
        </div>
      </div>
      {current.item.descricao && (
        <section className="detalhe__descricao" aria-labelledby="descricao-titulo">
          <h2 id="descricao-titulo">Descrição</h2>
          <p>{current.item.descricao}</p>
        </section>
      )}
      {!statusNote && (
        <section className="detalhe__agendar" aria-labelledby="agendar-titulo">
          <h2 id="agendar-titulo">{ui.words.agendar}</h2>
          <BookingForm key={current.item.id} ui={ui} itemId={current.item.id} />
        </section>
      )}
    </article>
  );
}
