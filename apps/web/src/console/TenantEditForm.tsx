import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { useAction } from '../backoffice/use-action';
import type { Tenant } from './console-types';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** An admin's edit of a tenant's name, own domain and storefront look; only changed fields are sent. */
export function TenantEditForm({ tenant, onSaved }: { tenant: Tenant; onSaved: () => void }) {
  const [nome, setNome] = useState(tenant.nome);
  const [dominio, setDominio] = useState(tenant.dominio ?? '');
  const [logo, setLogo] = useState(tenant.logo_url ?? '');
  const [cor, setCor] = useState(tenant.cor_primaria ?? '');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const local: Record<string, string> = {};
    if (nome.trim().length < 2) local.nome = 'Informe o nome da loja.';
    if (cor.trim() && !COLOR.test(cor.trim())) local.cor_primaria = 'Use uma cor no formato #rrggbb (ex.: #1d4ed8).';
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    const next = {
      nome: nome.trim(),
      dominio: dominio.trim() || null,
      logo_url: logo.trim() || null,
      cor_primaria: cor.trim().toLowerCase() || null,
    };
    const before = {
      nome: tenant.nome,
      dominio: tenant.dominio,
      logo_url: tenant.logo_url ?? null,
      cor_primaria: tenant.cor_primaria ?? null,
    };
    const body = Object.fromEntries(Object.entries(next).filter(([field, value]) => before[field as keyof typeof before] !== value));
    if (Object.keys(body).length === 0) return setSaved(true);
    if (await action.run(() => api<Tenant>(`/tenants/${encodeURIComponent(tenant.tenant_key)}`, { method: 'PATCH', body }))) {
      setSaved(true);
      onSaved();
    }
  };
  const server = fieldProblems(action.error);

  return (
    <section aria-labelledby="dados-loja" className="secao">
      <h2 id="dados-loja">Dados e aparência da loja</h2>
      <form className="formulario formulario--grade" onSubmit={submit} noValidate aria-label="Dados e aparência da loja">
        <TextField label="Nome" value={nome} onChange={(e) => setNome(e.target.value)} required problem={problems.nome ?? server.nome} />
        <TextField
          label="Domínio próprio"
          value={dominio}
          onChange={(e) => setDominio(e.target.value)}
          hint="Em branco: só o subdomínio."
          problem={server.dominio}
        />
        <TextField
          label="Logotipo (URL)"
          type="url"
          value={logo}
          onChange={(e) => setLogo(e.target.value)}
          hint="https://… ou /fotos/… da própria loja"
          problem={server.logo_url}
        />
        <TextField
          label="Cor principal"
          value={cor}
          onChange={(e) => setCor(e.target.value)}
          hint="#rrggbb; em branco usa a cor padrão."
          problem={problems.cor_primaria ?? server.cor_primaria}
        />
        <ErrorNotice error={action.error} />
        {saved && (
          <p className="bo-aviso bo-aviso--ok" role="status">
            Salvo.
          </p>
        )}
        <div className="formulario__acoes">
          <button type="submit" className="botao botao--primario" disabled={action.busy}>
            Salvar dados
          </button>
        </div>
      </form>
    </section>
  );
}
