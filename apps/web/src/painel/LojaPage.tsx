import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { fieldProblems } from '../shared/field-problems';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { SUFFIX, usePainel } from './painel-context';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const STORE_PHOTO = /^\/fotos\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** The store's look on its storefront (owner only): name, logo and main colour. */
export function LojaPage() {
  const { loja } = usePainel();
  const [nome, setNome] = useState(loja.nome);
  const [logo, setLogo] = useState(loja.logo_url ?? '');
  const [cor, setCor] = useState(loja.cor_primaria ?? '#1d4ed8');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const local: Record<string, string> = {};
    if (nome.trim().length < 2) local.nome = 'Informe o nome da loja.';
    if (logo.trim() && !STORE_PHOTO.test(logo.trim()) && !/^https:\/\/\S+$/.test(logo.trim()))
      local.logo_url = 'Use um endereço https:// ou uma foto da loja (/fotos/...).';
    if (!COLOR.test(cor)) local.cor_primaria = 'Use uma cor no formato #rrggbb.';
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    const body = { nome: nome.trim(), logo_url: logo.trim() || null, cor_primaria: cor.toLowerCase() };
    if (await action.run(() => api('/loja', { method: 'PATCH', body }).then(() => true))) setSaved(true);
  };
  const server = fieldProblems(action.error);

  return (
    <>
      <PageHeading title="Aparência da loja" suffix={SUFFIX}>
        Aparência da loja
      </PageHeading>
      <form className="formulario" onSubmit={submit} noValidate aria-label="Aparência da loja">
        <TextField
          label="Nome da loja"
          value={nome}
          onChange={(e) => setNome(e.target.value)}
          required
          problem={problems.nome ?? server.nome}
        />
        <TextField
          label="Endereço do logotipo"
          type="url"
          value={logo}
          onChange={(e) => setLogo(e.target.value)}
          hint="https://… ou deixe em branco para mostrar as iniciais."
          problem={problems.logo_url ?? server.logo_url}
        />
        <TextField
          label="Cor principal"
          type="color"
          value={cor}
          onChange={(e) => setCor(e.target.value)}
          hint={`Cor escolhida: ${cor}`}
          problem={problems.cor_primaria ?? server.cor_primaria}
        />
        <ErrorNotice error={action.error} />
        {saved && (
          <p className="bo-aviso bo-aviso--ok" role="status">
            Salvo. A vitrine mostra a mudança em alguns segundos.
          </p>
        )}
        <button type="submit" className="botao botao--primario" disabled={action.busy}>
          Salvar
        </button>
      </form>
    </>
  );
}
