import type { FormEvent } from 'react';
import { api } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { SavedNotice } from '../backoffice/SavedNotice';
import { COR_PRIMARIA, lojaNomeProblem } from '../backoffice/store-look';
import { useCheckedForm } from '../backoffice/use-checked-form';
import type { Tenant } from './console-types';
import { SubmitButton } from '../backoffice/SubmitButton';

/** An admin's edit of a tenant's name, own domain and storefront look; only changed fields are sent. */
export function TenantEditForm({ tenant, onSaved }: { tenant: Tenant; onSaved: () => void }) {
  const form = useCheckedForm({
    nome: tenant.nome,
    dominio: tenant.dominio ?? '',
    logo_url: tenant.logo_url ?? '',
    cor_primaria: tenant.cor_primaria ?? '',
  });
  const { action, values } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cor = values.cor_primaria.trim();
    const local = {
      nome: lojaNomeProblem(values.nome),
      cor_primaria: cor && !COR_PRIMARIA.test(cor) ? 'Use uma cor no formato #rrggbb (ex.: #1d4ed8).' : undefined,
    };
    const next = {
      nome: values.nome.trim(),
      dominio: values.dominio.trim() || null,
      logo_url: values.logo_url.trim() || null,
      cor_primaria: cor.toLowerCase() || null,
    };
    const before = {
      nome: tenant.nome,
      dominio: tenant.dominio,
      logo_url: tenant.logo_url ?? null,
      cor_primaria: tenant.cor_primaria ?? null,
    };
    const body = Object.fromEntries(Object.entries(next).filter(([field, value]) => before[field as keyof typeof before] !== value));
    const changed = Object.keys(body).length > 0;
    // Nothing changed: nothing to send, and nothing to refuse either.
    const done = await form.save(local, () =>
      changed ? api<Tenant>(`/tenants/${encodeURIComponent(tenant.tenant_key)}`, { method: 'PATCH', body }) : Promise.resolve(null),
    );
    if (done && changed) onSaved();
  };

  return (
    <section aria-labelledby="dados-loja" className="secao">
      <h2 id="dados-loja">Dados e aparência da loja</h2>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label="Dados e aparência da loja">
        <TextField label="Nome" required {...form.field('nome')} />
        <TextField label="Domínio próprio" hint="Em branco: só o subdomínio." {...form.field('dominio')} />
        <TextField label="Logotipo (URL)" type="url" hint="https://… ou /fotos/… da própria loja" {...form.field('logo_url')} />
        <TextField label="Cor principal" hint="#rrggbb; em branco usa a cor padrão." {...form.field('cor_primaria')} />
        <ErrorNotice error={action.error} />
        <SavedNotice shown={form.saved}>Salvo.</SavedNotice>
        <div className="formulario__acoes">
          <SubmitButton busy={action.busy}>Salvar dados</SubmitButton>
        </div>
      </form>
    </section>
  );
}
