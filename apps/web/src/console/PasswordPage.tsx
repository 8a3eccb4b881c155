import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { PasswordField } from '../backoffice/Field';
import { NewPasswordFields, useNewPassword } from '../backoffice/NewPasswordFields';
import { PageHeading } from '../backoffice/PageHeading';
import { useAction } from '../backoffice/use-action';
import { SubmitButton } from '../backoffice/SubmitButton';

/** Changing the password ends every session of the account, this one too: the operator signs in again. */
export function PasswordPage({ onChanged }: { onChanged: () => void }) {
  const [atual, setAtual] = useState('');
  const nova = useNewPassword();
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!nova.check()) return;
    const done = await action.run(() => api('/auth/senha', { method: 'POST', body: { senha_atual: atual, nova_senha: nova.senha } }));
    if (done !== undefined) {
      // The master ended every session of the account; the web service's cookie holds one of them.
      await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
      onChanged();
    }
  };
  return (
    <>
      <PageHeading title="Trocar senha" suffix="Console VendeAI">
        Trocar senha
      </PageHeading>
      <form className="formulario" onSubmit={submit} noValidate aria-label="Trocar senha">
        <PasswordField label="Senha atual" autoComplete="current-password" value={atual} onChange={(e) => setAtual(e.target.value)} />
        <NewPasswordFields password={nova} repeatLabel="Repita a nova senha" />
        <ErrorNotice error={action.error} />
        <SubmitButton busy={action.busy}>Trocar senha</SubmitButton>
      </form>
    </>
  );
}
