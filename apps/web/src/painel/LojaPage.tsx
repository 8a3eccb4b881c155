import type { FormEvent } from 'react';
import { api } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { SavedNotice } from '../backoffice/SavedNotice';
import { COR_PRIMARIA, lojaNomeProblem } from '../backoffice/store-look';
import { useCheckedForm } from '../backoffice/use-checked-form';
import { SUFFIX, usePainel } from './painel-context';
import { SubmitButton } from '../backoffice/SubmitButton';

const STORE_PHOTO = /^\/fotos\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** The store's look on its storefront (owner only): name, logo and main colour. */
export function LojaPage() {
  const { loja } = usePainel();
  const form = useCheckedForm({ nome: loja.nome, logo_url: loja.logo_url ?? '', cor_primaria: loja.cor_primaria ?? '#1d4ed8' });
  const { action, values } = form;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const logo = values.logo_url.trim();
    const local = {
      nome: lojaNomeProblem(values.nome),
      logo_url:
        logo && !STORE_PHOTO.test(logo) && !/^https:\/\/\S+$/.test(logo)
          ? 'Use um endereço https:// ou uma foto da loja (/fotos/...).'
          : undefined,
      cor_primaria: COR_PRIMARIA.test(values.cor_primaria) ? undefined : 'Use uma cor no formato #rrggbb.',
    };
    const body = { nome: values.nome.trim(), logo_url: logo || null, cor_primaria: values.cor_primaria.toLowerCase() };
    await form.save(local, () => api('/loja', { method: 'PATCH', body }));
  };

  return (
    <>
      <PageHeading title="Aparência da loja" suffix={SUFFIX}>
        Aparência da loja
      </PageHeading>
      <form className="formulario" onSubmit={submit} noValidate aria-label="Aparência da loja">
        <TextField label="Nome da loja" required {...form.field('nome')} />
        <TextField
          label="Endereço do logotipo"
          type="url"
          hint="https://… ou deixe em branco para mostrar as iniciais."
          {...form.field('logo_url')}
        />
        <TextField label="Cor principal" type="color" hint={`Cor escolhida: ${values.cor_primaria}`} {...form.field('cor_primaria')} />
        <ErrorNotice error={action.error} />
        <SavedNotice shown={form.saved}>Salvo. A vitrine mostra a mudança em alguns segundos.</SavedNotice>
        <SubmitButton busy={action.busy}>Salvar</SubmitButton>
      </form>
    </>
  );
}
