import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../shared/api';
import { formatDateTime } from '../shared/format';
import { ConfirmButton } from '../backoffice/ConfirmButton';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { OnceSecret, OnceWarning } from '../backoffice/OnceSecret';
import { PageHeading } from '../backoffice/PageHeading';
import { monthLabel } from '../backoffice/months';
import { UsageBar } from '../backoffice/UsageBar';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { useAdmin } from './admin-context';
import { TENANT_STATUS_LABEL, VERTICAL_LABEL, type RotatedKey, type Tenant, type UsoMes } from './console-types';
import { SubscriptionsSection } from './SubscriptionsSection';
import { TenantEditForm } from './TenantEditForm';

/** One tenant: its facts, suspend/reactivate, a new API key, this month's usage and its subscriptions. */
export function TenantDetailPage() {
  const { key = '' } = useParams();
  const { canWrite } = useAdmin();
  const tenant = useResource((signal) => api<Tenant>(`/tenants/${encodeURIComponent(key)}`, { signal }), [key]);
  const uso = useResource((signal) => api<UsoMes>(`/tenants/${encodeURIComponent(key)}/uso`, { signal }), [key]);
  const action = useAction();
  const [newKey, setNewKey] = useState<RotatedKey | null>(null);

  if (tenant.error) return <ErrorNotice error={tenant.error} />;
  if (!tenant.data) return <Loading />;
  const t = tenant.data;

  const setStatus = async (status: 'active' | 'suspended') => {
    if (await action.run(() => api<Tenant>(`/tenants/${encodeURIComponent(key)}`, { method: 'PATCH', body: { status } }))) tenant.reload();
  };
  const rotate = async () => {
    const rotated = await action.run(() => api<RotatedKey>(`/tenants/${encodeURIComponent(key)}/api-keys`, { method: 'POST' }));
    if (rotated) {
      setNewKey(rotated);
      tenant.reload();
    }
  };

  return (
    <>
      <p>
        <Link to="/clientes">← Clientes</Link>
      </p>
      <PageHeading title={t.nome} suffix="Console VendeAI">
        {t.nome}
      </PageHeading>
      <dl className="bo-ficha">
        <dt>Chave</dt>
        <dd>
          <code>{t.tenant_key}</code>
        </dd>
        <dt>Vertical</dt>
        <dd>{VERTICAL_LABEL[t.robo_tipo]}</dd>
        <dt>Situação</dt>
        <dd>
          <span className={`bo-selo bo-selo--${t.status}`}>{TENANT_STATUS_LABEL[t.status]}</span>
        </dd>
        <dt>Domínio próprio</dt>
        <dd>{t.dominio ?? '—'}</dd>
        <dt>Chave de API</dt>
        <dd>{t.api_key_prefix ? <code>{t.api_key_prefix}…</code> : '—'}</dd>
        <dt>Criado em</dt>
        <dd>{formatDateTime(t.criado_em)}</dd>
      </dl>

      {canWrite && (
        <section aria-labelledby="acoes" className="secao">
          <h2 id="acoes">Ações</h2>
          <div className="acoes">
            {t.status === 'active' ? (
              <ConfirmButton
                label="Suspender"
                question="Suspender a loja? Ela sai do ar até ser reativada."
                confirmLabel="Sim, suspender"
                danger
                disabled={action.busy}
                onConfirm={() => setStatus('suspended')}
              />
            ) : (
              <button type="button" className="botao botao--primario" disabled={action.busy} onClick={() => setStatus('active')}>
                Reativar
              </button>
            )}
            <ConfirmButton
              label="Gerar nova chave de API"
              question="A chave atual deixa de valer. Continuar?"
              confirmLabel="Sim, gerar"
              danger
              disabled={action.busy}
              onConfirm={rotate}
            />
          </div>
          <ErrorNotice error={action.error} />
          {newKey && (
            <div className="segredos">
              <OnceWarning />
              <OnceSecret label="Nova chave de API" value={newKey.api_key} />
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="uso" className="secao">
        <h2 id="uso">Uso do mês</h2>
        <ErrorNotice error={uso.error} />
        {uso.data && (
          <>
            <p>
              {uso.data.plano ? `Plano ${uso.data.plano.nome}` : 'Sem plano ativo'} · {monthLabel(uso.data.mes)}
            </p>
            <UsageBar label="Mensagens" used={uso.data.mensagens_usadas} limit={uso.data.limite_mensagens} />
            <UsageBar label="Tokens de IA" used={uso.data.tokens_usados} limit={uso.data.limite_tokens} />
          </>
        )}
      </section>

      <SubscriptionsSection tenantKey={t.tenant_key} />
      {canWrite && <TenantEditForm tenant={t} onSaved={tenant.reload} />}
    </>
  );
}
