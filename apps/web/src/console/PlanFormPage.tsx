import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import type { Plano } from './console-types';
import { EMPTY_PLAN, planFormOf, validatePlan, type PlanForm } from './plan-form';

/** Creates a plan (`/planos/novo`) or edits one (`/planos/:id`); new limits apply at once to its subscribers. */
export function PlanFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const plano = useResource(
    (signal) => (editing ? api<Plano>(`/planos/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)),
    [id],
  );
  // The form starts from the plan as loaded (the page renders it only once it is there).
  const [form, setForm] = useState<PlanForm | null>(editing ? null : EMPTY_PLAN);
  const [problems, setProblems] = useState<Partial<Record<keyof PlanForm, string>>>({});
  const action = useAction();
  const navigate = useNavigate();

  if (plano.data && form === null) setForm(planFormOf(plano.data));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const checked = validatePlan(form);
    setProblems(checked.problems);
    if (!checked.body) return;
    const body = checked.body;
    const saved = await action.run(() =>
      editing
        ? api<Plano>(`/planos/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Plano>('/planos', { method: 'POST', body }),
    );
    if (saved) navigate('/planos');
  };

  const title = editing ? 'Editar plano' : 'Novo plano';
  if (plano.error) return <ErrorNotice error={plano.error} />;
  if (!form) return <Loading />;

  const server = fieldProblems(action.error);
  const problemOf = (field: keyof PlanForm) => problems[field] ?? server[field === 'preco' ? 'preco_mensal' : field];
  const set = (field: keyof PlanForm) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  return (
    <>
      <PageHeading title={title} suffix="Console VendeAI">
        {title}
      </PageHeading>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label={title}>
        <TextField label="Nome" value={form.nome} onChange={set('nome')} required problem={problemOf('nome')} />
        <TextField
          label="Preço mensal (R$)"
          inputMode="decimal"
          value={form.preco}
          onChange={set('preco')}
          required
          problem={problemOf('preco')}
          hint="Ex.: 199,90"
        />
        <TextField
          label="Limite de mensagens por mês"
          inputMode="numeric"
          value={form.limite_mensagens}
          onChange={set('limite_mensagens')}
          required
          problem={problemOf('limite_mensagens')}
        />
        <TextField
          label="Limite de tokens de IA por mês"
          inputMode="numeric"
          value={form.limite_tokens}
          onChange={set('limite_tokens')}
          required
          problem={problemOf('limite_tokens')}
        />
        <ErrorNotice error={action.error} />
        <div className="formulario__acoes">
          <button type="submit" className="botao botao--primario" disabled={action.busy}>
            {editing ? 'Salvar' : 'Criar plano'}
          </button>
          <Link to="/planos" className="botao">
            Cancelar
          </Link>
        </div>
      </form>
    </>
  );
}
