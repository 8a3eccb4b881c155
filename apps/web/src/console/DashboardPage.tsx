import { api } from '../shared/api';
import { formatBRL } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { PageHeading } from '../backoffice/PageHeading';
import { useResource } from '../backoffice/use-resource';
import { BarChart } from './BarChart';
import { VERTICAL_LABEL, type Resumo, type UsoAnalytics, type Vertical } from './console-types';
import { lastMonths, monthLabel } from '../backoffice/months';
import { UsageByTenant } from './UsageByTenant';

const MONTHS = 6;
const numero = new Intl.NumberFormat('pt-BR');
const reais = (centavos: number) => formatBRL(centavos / 100);
const VERTICALS: Vertical[] = ['carros', 'imoveis'];

/** The business at a glance: tenants, subscriptions, MRR per plan and messages per vertical over the last months. */
export function DashboardPage() {
  const resumo = useResource((signal) => api<Resumo>('/analytics/resumo', { signal }), []);
  const uso = useResource(
    (signal) =>
      Promise.all(lastMonths(MONTHS).map((mes) => api<UsoAnalytics>('/analytics/uso', { query: { mes, per_page: 1, top: 1 }, signal }))),
    [],
  );

  return (
    <>
      <PageHeading title="Visão geral" suffix="Console VendeAI">
        Visão geral
      </PageHeading>
      <ErrorNotice error={resumo.error} />
      {!resumo.data && !resumo.error && <Loading />}
      {resumo.data && <Summary resumo={resumo.data} />}
      <section aria-labelledby="mensagens" className="secao">
        <h2 id="mensagens">Mensagens por vertical, últimos {MONTHS} meses</h2>
        <ErrorNotice error={uso.error} />
        {uso.data && <MessagesByVertical months={uso.data} />}
      </section>
      <UsageByTenant />
    </>
  );
}

function Summary({ resumo }: { resumo: Resumo }) {
  const planos = resumo.assinaturas.por_plano;
  return (
    <>
      <dl className="bo-cartoes">
        {[
          ['Receita mensal recorrente', reais(resumo.mrr_centavos)],
          ['Clientes ativos', numero.format(resumo.tenants.por_status.active)],
          ['Clientes suspensos', numero.format(resumo.tenants.por_status.suspended)],
          ['Assinaturas ativas', numero.format(resumo.assinaturas.ativas)],
        ].map(([label, value]) => (
          <div key={label} className="bo-cartao">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="mrr" className="secao">
        <h2 id="mrr">Receita mensal recorrente por plano</h2>
        {planos.length === 0 ? (
          <p>Nenhuma assinatura ativa.</p>
        ) : (
          <div className="grafico-e-tabela">
            <BarChart
              labels={planos.map((p) => p.nome)}
              series={[{ label: 'Receita mensal', values: planos.map((p) => p.mrr_centavos) }]}
              format={reais}
            />
            <table className="tabela">
              <caption>Receita mensal recorrente por plano</caption>
              <thead>
                <tr>
                  <th scope="col">Plano</th>
                  <th scope="col">Assinaturas ativas</th>
                  <th scope="col">Receita mensal</th>
                </tr>
              </thead>
              <tbody>
                {planos.map((plano) => (
                  <tr key={plano.plano_id}>
                    <th scope="row">{plano.nome}</th>
                    <td>{numero.format(plano.assinaturas)}</td>
                    <td>{reais(plano.mrr_centavos)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function MessagesByVertical({ months }: { months: UsoAnalytics[] }) {
  const labels = months.map((month) => monthLabel(month.mes));
  const messagesOf = (month: UsoAnalytics, vertical: Vertical) =>
    month.por_robo_tipo.find((row) => row.robo_tipo === vertical)?.mensagens ?? 0;
  const series = VERTICALS.map((vertical) => ({
    label: VERTICAL_LABEL[vertical],
    values: months.map((month) => messagesOf(month, vertical)),
  }));
  return (
    <div className="grafico-e-tabela">
      <BarChart labels={labels} series={series} format={(value) => numero.format(value)} />
      <table className="tabela">
        <caption>Mensagens por vertical e mês</caption>
        <thead>
          <tr>
            <th scope="col">Mês</th>
            {VERTICALS.map((vertical) => (
              <th key={vertical} scope="col">
                {VERTICAL_LABEL[vertical]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((month, index) => (
            <tr key={month.mes}>
              <th scope="row">{labels[index]}</th>
              {VERTICALS.map((vertical) => (
                <td key={vertical}>{numero.format(messagesOf(month, vertical))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
