import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { formatBRL, formatDateTime } from '../shared/format';
import { DataTable } from '../backoffice/DataTable';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { SelectField, TextField } from '../backoffice/Field';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { useAdmin } from './admin-context';
import { ASSINATURA_STATUS_LABEL, type Assinatura, type AssinaturaEvento, type Plano } from './console-types';
import { SubmitButton } from '../backoffice/SubmitButton';

const date = (value: string | null) => (value ? formatDateTime(value) : '—');

/** A tenant's subscriptions, newest first: start one on a plan, activate it by hand, cancel with a reason, see its history. */
export function SubscriptionsSection({ tenantKey }: { tenantKey: string }) {
  const { canWrite } = useAdmin();
  const path = `/tenants/${encodeURIComponent(tenantKey)}/assinaturas`;
  const assinaturas = useResource((signal) => api<{ data: Assinatura[] }>(path, { signal }), [path]);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const action = useAction();

  const activate = async (id: number) => {
    if (await action.run(() => api(`/assinaturas/${id}`, { method: 'PATCH', body: { status: 'active' } }))) assinaturas.reload();
  };

  return (
    <section aria-labelledby="assinaturas" className="secao">
      <h2 id="assinaturas">Assinaturas</h2>
      {canWrite && <NewSubscription path={path} onCreated={assinaturas.reload} />}
      <ErrorNotice error={assinaturas.error ?? action.error} />
      {assinaturas.data && assinaturas.data.data.length === 0 && <p>Nenhuma assinatura ainda.</p>}
      {assinaturas.data && assinaturas.data.data.length > 0 && (
        <DataTable
          caption="Assinaturas do cliente"
          columns={['Plano', 'Situação', 'Início', 'Fim', 'Ações']}
          rows={assinaturas.data.data}
          row={(assinatura) => (
            <tr key={assinatura.id}>
              <th scope="row">
                {assinatura.plano.nome} ({formatBRL(assinatura.plano.preco_mensal / 100)}/mês)
              </th>
              <td>{ASSINATURA_STATUS_LABEL[assinatura.status]}</td>
              <td>{date(assinatura.data_inicio)}</td>
              <td>{date(assinatura.data_fim)}</td>
              <td className="acoes">
                {canWrite && (assinatura.status === 'pending' || assinatura.status === 'past_due') && (
                  <button type="button" className="botao" disabled={action.busy} onClick={() => activate(assinatura.id)}>
                    Ativar
                  </button>
                )}
                {canWrite && assinatura.status !== 'cancelled' && assinatura.status !== 'expired' && (
                  <button type="button" className="botao botao--perigo" onClick={() => setCancelling(assinatura.id)}>
                    Cancelar
                  </button>
                )}
                <button
                  type="button"
                  className="botao"
                  aria-expanded={historyOf === assinatura.id}
                  onClick={() => setHistoryOf(historyOf === assinatura.id ? null : assinatura.id)}
                >
                  Histórico
                </button>
              </td>
            </tr>
          )}
        />
      )}
      {cancelling !== null && (
        <CancelForm
          id={cancelling}
          onDone={(cancelled) => {
            setCancelling(null);
            if (cancelled) assinaturas.reload();
          }}
        />
      )}
      {historyOf !== null && <History id={historyOf} />}
    </section>
  );
}

function NewSubscription({ path, onCreated }: { path: string; onCreated: () => void }) {
  const planos = useResource((signal) => api<{ data: Plano[] }>('/planos', { query: { ativo: 'true' }, signal }), []);
  const [planoId, setPlanoId] = useState('');
  const [emailPagador, setEmailPagador] = useState('');
  const [checkout, setCheckout] = useState<string | null>(null);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!planoId) return;
    const body = { plano_id: Number(planoId), email_pagador: emailPagador.trim() || undefined };
    const created = await action.run(() => api<{ checkout_url?: string | null }>(path, { method: 'POST', body }));
    if (created) {
      // Only a real https checkout page becomes a link.
      setCheckout(created.checkout_url?.startsWith('https://') ? created.checkout_url : null);
      onCreated();
    }
  };
  return (
    <form className="formulario formulario--linha" onSubmit={submit} aria-label="Nova assinatura">
      <SelectField label="Plano" value={planoId} onChange={(e) => setPlanoId(e.target.value)} required>
        <option value="">Escolha um plano</option>
        {planos.data?.data.map((plano) => (
          <option key={plano.id} value={plano.id}>
            {plano.nome} — {formatBRL(plano.preco_mensal / 100)}/mês
          </option>
        ))}
      </SelectField>
      <TextField label="E-mail do pagador (opcional)" type="email" value={emailPagador} onChange={(e) => setEmailPagador(e.target.value)} />
      <SubmitButton busy={action.busy} disabled={!planoId}>
        Nova assinatura
      </SubmitButton>
      <ErrorNotice error={action.error} />
      {checkout && (
        <p>
          Assinatura pendente criada.{' '}
          <a href={checkout} target="_blank" rel="noreferrer noopener">
            Checkout do Mercado Pago
          </a>
        </p>
      )}
    </form>
  );
}

function CancelForm({ id, onDone }: { id: number; onDone: (cancelled: boolean) => void }) {
  const [motivo, setMotivo] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (motivo.trim().length < 3) return setProblem('Explique o motivo (ao menos 3 caracteres).');
    setProblem(undefined);
    const done = await action.run(() =>
      api(`/assinaturas/${id}`, { method: 'PATCH', body: { status: 'cancelled', motivo: motivo.trim() } }),
    );
    if (done) onDone(true);
  };
  return (
    <form className="formulario" onSubmit={submit} noValidate aria-label={`Cancelar a assinatura ${id}`}>
      <TextField
        label="Motivo do cancelamento"
        value={motivo}
        onChange={(e) => setMotivo(e.target.value)}
        required
        problem={problem}
        autoFocus
      />
      <ErrorNotice error={action.error} />
      <div className="formulario__acoes">
        <button type="submit" className="botao botao--perigo" disabled={action.busy}>
          Cancelar assinatura
        </button>
        <button type="button" className="botao" onClick={() => onDone(false)}>
          Voltar
        </button>
      </div>
    </form>
  );
}

function History({ id }: { id: number }) {
  const detail = useResource((signal) => api<Assinatura & { historico: AssinaturaEvento[] }>(`/assinaturas/${id}`, { signal }), [id]);
  return (
    <div className="secao">
      <h3>Histórico da assinatura {id}</h3>
      <ErrorNotice error={detail.error} />
      {detail.data && (
        <table className="tabela">
          <thead>
            <tr>
              <th scope="col">Quando</th>
              <th scope="col">De</th>
              <th scope="col">Para</th>
              <th scope="col">Origem</th>
              <th scope="col">Quem</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {detail.data.historico.map((evento, index) => (
              <tr key={index}>
                <td>{formatDateTime(evento.em)}</td>
                <td>{evento.de ? (ASSINATURA_STATUS_LABEL[evento.de as Assinatura['status']] ?? evento.de) : '—'}</td>
                <td>{ASSINATURA_STATUS_LABEL[evento.para as Assinatura['status']] ?? evento.para}</td>
                <td>{evento.origem}</td>
                <td>{evento.autor ?? '—'}</td>
                <td>{evento.motivo ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
