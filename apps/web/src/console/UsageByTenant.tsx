import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { DataTable } from '../backoffice/DataTable';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Pagination } from '../backoffice/Pagination';
import { PercentBar } from '../backoffice/UsageBar';
import { useResource } from '../backoffice/use-resource';
import { VERTICAL_LABEL, type UsoAnalytics } from './console-types';
import { monthLabel } from '../backoffice/months';

const PER_PAGE = 20;
const numero = new Intl.NumberFormat('pt-BR');

/** This month's usage of every tenant against its plan's limits, biggest token users first. */
export function UsageByTenant() {
  const [page, setPage] = useState(1);
  const uso = useResource((signal) => api<UsoAnalytics>('/analytics/uso', { query: { page, per_page: PER_PAGE, top: 1 }, signal }), [page]);
  const data = uso.data?.por_tenant;
  return (
    <section aria-labelledby="uso-por-cliente" className="secao">
      <h2 id="uso-por-cliente">Uso por cliente{uso.data ? `, ${monthLabel(uso.data.mes)}` : ''}</h2>
      <ErrorNotice error={uso.error} />
      {data && data.data.length === 0 && <p>Nenhum uso neste mês.</p>}
      {data && data.data.length > 0 && (
        <>
          <DataTable
            caption="Uso por cliente contra os limites do plano"
            columns={['Cliente', 'Vertical', 'Mensagens', 'do limite', 'Tokens de IA', 'do limite']}
            rows={data.data}
            row={(row) => (
              <tr key={row.tenant_key}>
                <th scope="row">
                  <Link to={`/clientes/${row.tenant_key}`}>{row.nome}</Link>
                </th>
                <td>{VERTICAL_LABEL[row.robo_tipo]}</td>
                <td>{numero.format(row.mensagens)}</td>
                <td>
                  <PercentBar label={`Mensagens de ${row.nome}`} percent={row.percentual_mensagens} />
                </td>
                <td>{numero.format(row.tokens)}</td>
                <td>
                  <PercentBar label={`Tokens de ${row.nome}`} percent={row.percentual_tokens} />
                </td>
              </tr>
            )}
          />
          <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
