import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { formatBRL } from '../shared/format';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { SelectField, TextField } from '../backoffice/Field';
import { OnceSecret, OnceWarning } from '../backoffice/OnceSecret';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import type { Onboarded, Plano } from './console-types';

const TENANT_KEY = /^[a-z][a-z0-9_]{2,39}$/;

interface Form {
  tenant_key: string;
  nome: string;
  robo_tipo: 'carros' | 'imoveis';
  dominio: string;
  plano_id: string;
  email_responsavel: string;
  email_pagador: string;
}

const EMPTY: Form = { tenant_key: '', nome: '', robo_tipo: 'carros', dominio: '', plano_id: '', email_responsavel: '', email_pagador: '' };

function localProblems(form: Form): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!TENANT_KEY.test(form.tenant_key))
    problems.tenant_key = 'Use 3 a 40 caracteres: letras minúsculas, dígitos e _, começando por letra.';
  if (form.nome.trim().length < 2) problems.nome = 'Informe o nome da loja.';
  if (!form.email_responsavel.includes('@')) problems.email_responsavel = 'Informe o e-mail de quem vai administrar a loja.';
  return problems;
}

/**
 * Onboarding: the answer holds the tenant's API key and its owner's invite link, which the server
 * never shows again; they stay on screen only until the operator leaves this page.
 */
export function OnboardingPage() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Onboarded | null>(null);
  const action = useAction();
  const planos = useResource((signal) => api<{ data: Plano[] }>('/planos', { query: { ativo: 'true' }, signal }), []);

  const set = (field: keyof Form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = localProblems(form);
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    const body = {
      tenant_key: form.tenant_key,
      nome: form.nome.trim(),
      robo_tipo: form.robo_tipo,
      dominio: form.dominio.trim() || undefined,
      plano_id: form.plano_id ? Number(form.plano_id) : undefined,
      email_responsavel: form.email_responsavel.trim(),
      email_pagador: form.email_pagador.trim() || undefined,
    };
    const created = await action.run(() => api<Onboarded>('/tenants', { method: 'POST', body }));
    if (created) setResult(created);
  };

  if (result) return <OnboardedSummary result={result} />;

  const serverProblems = fieldProblems(action.error);
  const problemOf = (field: keyof Form) => problems[field] ?? serverProblems[field];

  return (
    <>
      <PageHeading title="Novo cliente" suffix="Console VendeAI">
        Novo cliente
      </PageHeading>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label="Cadastro de cliente">
        <TextField label="Nome da loja" value={form.nome} onChange={set('nome')} required problem={problemOf('nome')} />
        <TextField
          label="Chave do cliente"
          value={form.tenant_key}
          onChange={set('tenant_key')}
          required
          problem={problemOf('tenant_key')}
          hint="Vira o endereço da loja: garage_alpha → garage-alpha.vendeai.com. Não muda depois."
        />
        <SelectField label="Vertical" value={form.robo_tipo} onChange={set('robo_tipo')}>
          <option value="carros">Carros (concessionária)</option>
          <option value="imoveis">Imóveis (imobiliária)</option>
        </SelectField>
        <SelectField label="Plano" value={form.plano_id} onChange={set('plano_id')} problem={problemOf('plano_id')}>
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
          value={form.email_responsavel}
          onChange={set('email_responsavel')}
          required
          problem={problemOf('email_responsavel')}
          hint="Recebe o convite para criar a senha do painel da loja."
        />
        <TextField
          label="Domínio próprio (opcional)"
          value={form.dominio}
          onChange={set('dominio')}
          problem={problemOf('dominio')}
          hint="Ex.: loja.exemplo.com.br"
        />
        <TextField
          label="E-mail do pagador (opcional)"
          type="email"
          value={form.email_pagador}
          onChange={set('email_pagador')}
          problem={problemOf('email_pagador')}
          hint="Abre o checkout do Mercado Pago para a assinatura."
        />
        <ErrorNotice error={action.error} />
        <div className="formulario__acoes">
          <button type="submit" className="botao botao--primario" disabled={action.busy}>
            {action.busy ? 'Criando a loja…' : 'Criar cliente'}
          </button>
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
        <OnceSecret label="Link de convite do responsável" value={result.convite_url} />
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
