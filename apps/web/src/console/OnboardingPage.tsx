import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { formatBRL } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { SelectField, TextField } from '../backoffice/Field';
import { InviteEmailNotice } from '../backoffice/InviteEmailNotice';
import { OnceSecret, OnceWarning } from '../backoffice/OnceSecret';
import { PageHeading } from '../backoffice/PageHeading';
import { lojaNomeProblem } from '../backoffice/store-look';
import { useCheckedForm } from '../backoffice/use-checked-form';
import { useResource } from '../backoffice/use-resource';
import type { Onboarded, Plano } from './console-types';
import { SubmitButton } from '../backoffice/SubmitButton';

const TENANT_KEY = /^[a-z][a-z0-9_]{2,39}$/;

const EMPTY = { tenant_key: '', nome: '', robo_tipo: 'carros', dominio: '', plano_id: '', email_responsavel: '', email_pagador: '' };
type Form = typeof EMPTY;

function localProblems(form: Form): Record<string, string | undefined> {
  const problems: Record<string, string | undefined> = { nome: lojaNomeProblem(form.nome) };
  if (!TENANT_KEY.test(form.tenant_key))
    problems.tenant_key = 'Use 3 a 40 caracteres: letras minúsculas, dígitos e _, começando por letra.';
  if (!form.email_responsavel.includes('@')) problems.email_responsavel = 'Informe o e-mail de quem vai administrar a loja.';
  return problems;
}

/**
 * Onboarding: the answer holds the tenant's API key and its owner's invite link, which the server
 * never shows again; they stay on screen only until the operator leaves this page.
 */
export function OnboardingPage() {
  const checked = useCheckedForm(EMPTY);
  const { values: form, field, action } = checked;
  const [result, setResult] = useState<Onboarded | null>(null);
  const planos = useResource((signal) => api<{ data: Plano[] }>('/planos', { query: { ativo: 'true' }, signal }), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked.check(localProblems(form))) return;
    const body = {
      tenant_key: form.tenant_key,
      nome: form.nome.trim(),
      robo_tipo: form.robo_tipo as 'carros' | 'imoveis',
      dominio: form.dominio.trim() || undefined,
      plano_id: form.plano_id ? Number(form.plano_id) : undefined,
      email_responsavel: form.email_responsavel.trim(),
      email_pagador: form.email_pagador.trim() || undefined,
    };
    const created = await action.run(() => api<Onboarded>('/tenants', { method: 'POST', body }));
    if (created) setResult(created);
  };

  if (result) return <OnboardedSummary result={result} />;

  return (
    <>
      <PageHeading title="Novo cliente" suffix="Console VendeAI">
        Novo cliente
      </PageHeading>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label="Cadastro de cliente">
        <TextField label="Nome da loja" required {...field('nome')} />
        <TextField
          label="Chave do cliente"
          required
          hint="Vira o endereço da loja: garage_alpha → garage-alpha.vendeai.com. Não muda depois."
          {...field('tenant_key')}
        />
        <SelectField label="Vertical" {...field('robo_tipo')}>
          <option value="carros">Carros (concessionária)</option>
          <option value="imoveis">Imóveis (imobiliária)</option>
        </SelectField>
        <SelectField label="Plano" {...field('plano_id')}>
          <option value="">Sem plano por enquanto</option>
          {planos.data?.data.map((plano) => (
            <option key={plano.id} value={plano.id}>
              {plano.nome} — {formatBRL(plano.preco_mensal / 100)}/mês
            </option>
          ))}
        </SelectField>
        <TextField
          label="E-mail do responsável (dono da loja)"
          type="email"
          required
          hint="Recebe o convite para criar a senha do painel da loja."
          {...field('email_responsavel')}
        />
        <TextField label="Domínio próprio (opcional)" hint="Ex.: loja.exemplo.com.br" {...field('dominio')} />
        <TextField
          label="E-mail do pagador (opcional)"
          type="email"
          hint="Abre o checkout do Mercado Pago para a assinatura."
          {...field('email_pagador')}
        />
        <ErrorNotice error={action.error} />
        <div className="formulario__acoes">
          <SubmitButton busy={action.busy} busyLabel="Criando a loja…">
            Criar cliente
          </SubmitButton>
          <Link to="/clientes" className="botao">
            Cancelar
          </Link>
        </div>
      </form>
    </>
  );
}

function OnboardedSummary({ result }: { result: Onboarded }) {
  return (
    <>
      <PageHeading title="Cliente criado" suffix="Console VendeAI">
        Cliente criado: {result.tenant.nome}
      </PageHeading>
      <OnceWarning />
      <OnceSecret label="Chave de API" value={result.api_key} />
      {result.convite_url ? (
        <>
          <OnceSecret label="Link de convite do responsável" value={result.convite_url} />
          <InviteEmailNotice outcome={result.convite_email} />
        </>
      ) : (
        <p className="bo-aviso">Nenhum convite de responsável foi criado.</p>
      )}
      {result.assinatura?.checkout_url?.startsWith('https://') && (
        <p>
          Checkout da assinatura:{' '}
          <a href={result.assinatura.checkout_url} target="_blank" rel="noreferrer noopener">
            abrir o Mercado Pago
          </a>
        </p>
      )}
      <p>
        <Link to={`/clientes/${result.tenant.tenant_key}`} className="botao botao--primario">
          Ver o cliente
        </Link>
      </p>
    </>
  );
}
