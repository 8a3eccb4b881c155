import type { Foto } from '@helix/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { Options, SelectField, TextAreaField, TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { useResource } from '../backoffice/use-resource';
import { itemBodyOf, itemFormOf, type ItemField, type ItemForm } from './catalogue-fields';
import { SUFFIX, usePainel } from './painel-context';
import { PhotosEditor } from './PhotosEditor';
import { SubmitButton } from '../backoffice/SubmitButton';

type Item = Record<string, unknown> & { id: number; fotos?: Foto[] };

/** Creates an item (`/painel/catalogo/novo`) or edits one with its photos (`/painel/catalogo/:id`). */
export function ItemPage() {
  const { id } = useParams();
  // A fresh form per item: after creating, `/novo` becomes `/:id` in the same route slot.
  return <ItemEditor key={id ?? 'novo'} id={id} />;
}

function ItemEditor({ id }: { id: string | undefined }) {
  const { vertical } = usePainel();
  const editing = id !== undefined;
  const item = useResource(
    (signal) => (editing ? api<Item>(`${vertical.path}/${encodeURIComponent(id)}`, { signal }) : Promise.resolve(null)),
    [id],
  );
  // The form starts from the item as loaded (the editor renders only once it is there).
  const [form, setForm] = useState<ItemForm | null>(editing ? null : () => itemFormOf(vertical));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(Boolean((useLocation().state as { criado?: boolean } | null)?.criado));
  const action = useAction();
  const navigate = useNavigate();

  if (editing && item.data && form === null) setForm(itemFormOf(vertical, item.data));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!form) return;
    const checked = itemBodyOf(vertical, form, editing ? 'update' : 'create');
    setProblems(checked.problems);
    if (!checked.body) return;
    const body = checked.body;
    const result = await action.run(() =>
      editing
        ? api<Item>(`${vertical.path}/${encodeURIComponent(id)}`, { method: 'PATCH', body })
        : api<Item>(vertical.path, { method: 'POST', body }),
    );
    if (!result) return;
    if (editing) {
      setSaved(true);
      item.reload();
    } else navigate(`/painel/catalogo/${result.id}`, { state: { criado: true } });
  };

  if (item.error) return <ErrorNotice error={item.error} />;
  if (!form || (editing && !item.data)) return <Loading />;

  const title = editing && item.data ? `Editar ${vertical.titleOf(item.data)}` : vertical.words.novo;
  const server = fieldProblems(action.error);
  const set = (name: string) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  return (
    <>
      <p>
        <Link to="/painel">← {vertical.words.plural}</Link>
      </p>
      <PageHeading title={title} suffix={SUFFIX}>
        {title}
      </PageHeading>
      {saved && (
        <p className="bo-aviso bo-aviso--ok" role="status">
          Salvo.
        </p>
      )}
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label={title}>
        {vertical.fields.map((field) => (
          <Input
            key={field.name}
            field={field}
            value={form[field.name] ?? ''}
            onChange={set(field.name)}
            problem={problems[field.name] ?? server[field.name]}
          />
        ))}
        <ErrorNotice error={action.error} />
        <div className="formulario__acoes">
          <SubmitButton busy={action.busy}>{editing ? 'Salvar' : 'Cadastrar'}</SubmitButton>
        </div>
      </form>
      {editing && item.data && (
        <PhotosEditor itemPath={`${vertical.path}/${item.data.id}`} fotos={item.data.fotos ?? []} onChange={item.reload} />
      )}
    </>
  );
}

function Input({
  field,
  value,
  onChange,
  problem,
}: {
  field: ItemField;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  problem?: string;
}) {
  const common = { label: field.label, value, onChange, problem, required: field.required, hint: field.hint };
  if (field.kind === 'select')
    return (
      <SelectField {...common}>
        {!field.required && <option value="">—</option>}
        <Options choices={field.options!} />
      </SelectField>
    );
  if (field.kind === 'textarea') return <TextAreaField {...common} rows={5} maxLength={field.max} />;
  const inputMode = field.kind === 'integer' ? 'numeric' : field.kind === 'text' ? undefined : 'decimal';
  return <TextField {...common} inputMode={inputMode} maxLength={field.kind === 'text' ? field.max : undefined} />;
}
