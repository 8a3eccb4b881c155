import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { DataTable } from '../backoffice/DataTable';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { LoadNotice } from '../backoffice/LoadNotice';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { Pagination } from '../backoffice/Pagination';
import { useResource } from '../backoffice/use-resource';
import { useUrlParams } from '../backoffice/use-url-params';
import { SUFFIX } from './painel-context';
import { CONVERSA_STATUS_LABEL, type Cliente, type Conversa, type Paginacao } from './painel-types';

const PER_PAGE = 25;

/** The store's customers (search by name or phone) and, for the one picked, its conversations. */
export function CustomersPage() {
  const { params, update } = useUrlParams();
  const busca = params.get('busca') ?? '';
  const page = Number(params.get('page')) || 1;
  const clienteId = Number(params.get('cliente')) || null;
  const [typed, setTyped] = useState(busca);
  const clientes = useResource(
    (signal) => api<{ clientes: Cliente[]; paginacao: Paginacao }>('/clientes', { query: { busca, page, per_page: PER_PAGE }, signal }),
    [busca, page],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ busca: typed.trim(), page: null, cliente: null });
  };
  const chosen = clientes.data?.clientes.find((cliente) => cliente.id === clienteId);

  return (
    <>
      <PageHeading title="Clientes e conversas" suffix={SUFFIX}>
        Clientes e conversas
      </PageHeading>
      <form role="search" className="bo-filtros" onSubmit={search}>
        <TextField label="Buscar por nome ou telefone" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="botao">
          Buscar
        </button>
      </form>
      <LoadNotice resource={clientes} />
      {clientes.data && (
        <>
          <DataTable
            caption="Clientes"
            columns={['Nome', 'Telefone', 'E-mail', 'Desde', 'Conversas']}
            rows={clientes.data.clientes}
            row={(cliente) => (
              <tr key={cliente.id} aria-current={cliente.id === clienteId ? 'true' : undefined}>
                <th scope="row">{cliente.nome ?? 'Sem nome'}</th>
                <td>{cliente.telefone ?? '—'}</td>
                <td>{cliente.email ?? '—'}</td>
                <td>{formatDateTime(cliente.criado_em)}</td>
                <td>
                  <button
                    type="button"
                    className="botao"
                    aria-label={`Ver conversas de ${cliente.nome ?? cliente.telefone ?? 'cliente sem nome'}`}
                    onClick={() => update({ cliente: String(cliente.id) })}
                  >
                    Ver conversas
                  </button>
                </td>
              </tr>
            )}
            empty="Nenhum cliente encontrado."
          />
          <Pagination page={page} perPage={PER_PAGE} total={clientes.data.paginacao.total} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
      {clienteId && <CustomerConversations clienteId={clienteId} nome={chosen?.nome ?? chosen?.telefone ?? null} />}
    </>
  );
}

function CustomerConversations({ clienteId, nome }: { clienteId: number; nome: string | null }) {
  const conversas = useResource(
    (signal) => api<{ conversas: Conversa[] }>('/conversas', { query: { cliente_id: clienteId, per_page: 50 }, signal }),
    [clienteId],
  );
  return (
    <section aria-labelledby="conversas-do-cliente" className="secao">
      <h2 id="conversas-do-cliente">Conversas {nome ? `de ${nome}` : 'do cliente'}</h2>
      <ErrorNotice error={conversas.error} />
      {conversas.data && conversas.data.conversas.length === 0 && <p>Nenhuma conversa.</p>}
      {conversas.data && conversas.data.conversas.length > 0 && (
        <ul className="lista">
          {conversas.data.conversas.map((conversa) => (
            <li key={conversa.id}>
              <Link to={`/painel/conversas/${conversa.id}`}>
                Conversa de {formatDateTime(conversa.criado_em)} · {CONVERSA_STATUS_LABEL[conversa.status]}
              </Link>
              {conversa.ultima_mensagem && <p className="lista__resumo">{conversa.ultima_mensagem}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
