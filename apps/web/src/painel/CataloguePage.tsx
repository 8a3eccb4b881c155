import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { capitalized, formatBRL } from '../shared/format';
import { ConfirmButton } from '../backoffice/ConfirmButton';
import { DataTable } from '../backoffice/DataTable';
import { LoadNotice } from '../backoffice/LoadNotice';
import { Options, SelectField } from '../backoffice/Field';
import { PageHeadingBar } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { useUrlParams } from '../backoffice/use-url-params';
import { SUFFIX, usePainel } from './painel-context';
import type { Paginacao } from './painel-types';

const PER_PAGE = 20;
type Item = Record<string, unknown> & { id: number; status: string; preco: number | string | null };

/** The store's whole inventory (sold ones too): edit, mark sold, delete. */
export function CataloguePage() {
  const { vertical } = usePainel();
  const { params, change } = useUrlParams();
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
      <PageHeadingBar title={vertical.words.plural} suffix={SUFFIX} newItem={{ to: '/painel/catalogo/novo', label: vertical.words.novo }} />
      <div className="bo-filtros">
        <SelectField label="Situação" value={status} onChange={(e) => change('status', e.target.value)}>
          <option value="todos">Todas</option>
          <Options choices={vertical.statuses} />
        </SelectField>
      </div>
      <LoadNotice resource={items} actionError={action.error} />
      {items.data && (
        <>
          <DataTable
            caption={`${vertical.words.plural} da loja`}
            columns={[capitalized(vertical.words.singular), 'Preço', 'Situação', 'Ações']}
            rows={list}
            row={(item) => {
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
                        aria-label={`Marcar vendido: ${title}`}
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
            }}
            empty="Nada cadastrado com essa situação."
          />
          <Pagination page={page} perPage={PER_PAGE} total={items.data.paginacao.total} onPage={(p) => change('page', String(p))} />
        </>
      )}
    </>
  );
}
