import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { useCheckedForm } from '../backoffice/use-checked-form';
import { useResource } from '../backoffice/use-resource';
import type { Plano } from './console-types';
import { EMPTY_PLAN, planFormOf, validatePlan, type PlanForm as PlanFormValues } from './plan-form';
import { SubmitButton } from '../backoffice/SubmitButton';

/** Creates a plan (`/planos/novo`) or edits one (`/planos/:id`); new limits apply at once to its subscribers. */
export function PlanFormPage() {
  const { id } = useParams();
  const plano = useResource(
    (signal) => (id !== undefined ? api<Plano>(`/planos/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)),
    [id],
  );
  if (plano.error) return <ErrorNotice error={plano.error} />;
  if (id === undefined) return <PlanForm key="novo" initial={EMPTY_PLAN} />;
  // The form starts from the plan as loaded.
  if (!plano.data) return <Loading />;
  return <PlanForm key={id} id={id} initial={planFormOf(plano.data)} />;
}

function PlanForm({ id, initial }: { id?: string; initial: PlanFormValues }) {
  const editing = id !== undefined;
  const { field, check, values, action } = useCheckedForm(initial, { preco: 'preco_mensal' });
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validatePlan(values);
    if (!check(checked.problems) || !checked.body) return;
    const body = checked.body;
    const saved = await action.run(() =>
      editing
        ? api<Plano>(`/planos/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Plano>('/planos', { method: 'POST', body }),
    );
    if (saved) navigate('/planos');
  };

  const title = editing ? 'Editar plano' : 'Novo plano';
  return (
    <>
      <PageHeading title={title} suffix="Console VendeAI">
        {title}
      </PageHeading>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label={title}>
        <TextField label="Nome" required {...field('nome')} />
        <TextField label="Preço mensal (R$)" inputMode="decimal" required hint="Ex.: 199,90" {...field('preco')} />
        <TextField label="Limite de mensagens por mês" inputMode="numeric" required {...field('limite_mensagens')} />
        <TextField label="Limite de tokens de IA por mês" inputMode="numeric" required {...field('limite_tokens')} />
        <ErrorNotice error={action.error} />
        <div className="formulario__acoes">
          <SubmitButton busy={action.busy}>{editing ? 'Salvar' : 'Criar plano'}</SubmitButton>
          <Link to="/planos" className="botao">
            Cancelar
          </Link>
        </div>
      </form>
    </>
  );
}
