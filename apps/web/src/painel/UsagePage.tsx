import type { UsoDoMes } from '@helix/contracts';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { PageHeading } from '../backoffice/PageHeading';
import { monthLabel } from '../backoffice/months';
import { UsageBar } from '../backoffice/UsageBar';
import { useResource } from '../backoffice/use-resource';
import { SUFFIX } from './painel-context';

/** This month's messages and AI tokens against the plan's limits. */
export function UsagePage() {
  const uso = useResource((signal) => api<UsoDoMes>('/painel/uso', { signal }), []);
  return (
    <>
      <PageHeading title="Uso do plano" suffix={SUFFIX}>
        Uso do plano neste mês
      </PageHeading>
      <ErrorNotice error={uso.error} />
      {!uso.data && !uso.error && <Loading />}
      {uso.data && (
        <>
          <p>
            {uso.data.plano ? `Plano ${uso.data.plano.nome}` : 'Sem plano'} · {monthLabel(uso.data.mes)}
            {uso.data.assinatura.data_fim && ` · assinatura até ${formatDateTime(uso.data.assinatura.data_fim)}`}
          </p>
          {!uso.data.assinatura.ativa && (
            <p className="bo-aviso bo-aviso--atencao">A assinatura da loja não está ativa. Fale com a VendeAI para regularizar.</p>
          )}
          <UsageBar label="Mensagens" used={uso.data.mensagens.usadas} limit={uso.data.mensagens.limite} />
          <UsageBar label="Tokens de IA" used={uso.data.tokens.usados} limit={uso.data.tokens.limite} />
        </>
      )}
    </>
  );
}
