import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../shared/api';
import { formatBRL } from '../shared/format';
import { ConfirmButton } from '../backoffice/ConfirmButton';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { SelectField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { SUFFIX, usePainel } from './painel-context';
import type { Paginacao } from './painel-types';

const PER_PAGE = 20;
type Item = Record<string, unknown> & { id: number; status: string; preco: number | string | null };

/** The store's whole inventory (sold ones too): edit, mark sold, delete. */
export function CataloguePage() {
  const { vertical } = usePainel();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const status = params.get('status') ?? 'todos';
  const items = useResource(
    (signal) =>
      api<Record<string, unknown> & { paginacao: Paginacao }>(vertical.path, { query: { status, page, per_page: PER_PAGE }, signal }),
    [vertical.path, status, page],
  );
  const action = useAction();
  const list = (items.data?.[vertical.listKey] as Item[] | undefined) ?? [];
  const statusLabel = (value: string) => vertical.statuses.find((s) => s.value === value)?.label ?? value;

  const change = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    if (name !== 'page') next.delete('page');
    setParams(next);
  };
  const markSold = async (item: Item) => {
    if (await action.run(() => api(`${vertical.path}/${item.id}`, { method: 'PATCH', body: { status: vertical.soldStatus } })))
      items.reload();
  };
  const remove = async (item: Item) => {
    await action.run(() => api(`${vertical.path}/${item.id}`, { method: 'DELETE' }));
    items.reload();
  };

  return (
    <>
      <div className="pagina__cabecalho">
        <PageHeading title={vertical.words.plural} suffix={SUFFIX}>
          {vertical.words.plural}
        </PageHeading>
        <Link to="/painel/catalogo/novo" className="botao botao--primario">
          {vertical.words.novo}
        </Link>
      </div>
      <div className="bo-filtros">
        <SelectField label="Situação" value={status} onChange={(e) => change('status', e.target.value)}>
          <option value="todos">Todas</option>
          {vertical.statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNotice error={items.error ?? action.error} />
      {!items.data && !items.error && <Loading />}
      {items.data && (
        <>
          <div className="tabela-rolagem">
            <table className="tabela">
              <caption className="sr-only">{vertical.words.plural} da loja</caption>
              <thead>
                <tr>
                  <th scope="col">{vertical.words.singular[0].toUpperCase() + vertical.words.singular.slice(1)}</th>
                  <th scope="col">Preço</th>
                  <th scope="col">Situação</th>
                  <th scope="col">Ações</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => {
                  const title = vertical.titleOf(item);
                  return (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`/painel/catalogo/${item.id}`}>{title}</Link>
                      </th>
                      <td>{formatBRL(item.preco)}</td>
                      <td>{statusLabel(item.status)}</td>
                      <td className="acoes">
                        <Link to={`/painel/catalogo/${item.id}`} className="botao" aria-label={`Editar ${title}`}>
                          Editar
                        </Link>
                        {item.status !== vertical.soldStatus && (
                          <button
                            type="button"
                            className="botao"
                            disabled={action.busy}
                            onClick={() => markSold(item)}
                            aria-label={`Marcar ${title} como vendido`}
                          >
                            Marcar vendido
                          </button>
                        )}
                        <ConfirmButton
                          label="Excluir"
                          question={`Excluir ${title}?`}
                          confirmLabel="Sim, excluir"
                          danger
                          disabled={action.busy}
                          onConfirm={() => remove(item)}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {list.length === 0 && <p>Nada cadastrado com essa situação.</p>}
          <Pagination page={page} perPage={PER_PAGE} total={items.data.paginacao.total} onPage={(p) => change('page', String(p))} />
        </>
      )}
    </>
  );
}
