import { useState, type FormEvent } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { PasswordField, TextField } from './Field';
import { useSignInAction } from './use-action';
import { SubmitButton } from './SubmitButton';

/**
 * E-mail and password for the console and the store's painel. `signIn` calls the app's login route;
 * the web service keeps the token in an httpOnly cookie, so the page never sees it.
 */
export function SignInForm({
  label,
  notice,
  signIn,
}: {
  /** The form's accessible name. */
  label: string;
  /** Why the person is here again (session expired, logged out, password changed). */
  notice?: string;
  signIn: (email: string, senha: string) => Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [senha, setSenha] = useState('');
  const action = useSignInAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => signIn(email, senha));
  };
  return (
    <>
      {notice && (
        <p className="bo-aviso" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="formulario" aria-label={label}>
        <TextField label="E-mail" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <PasswordField label="Senha" autoComplete="current-password" value={senha} onChange={(e) => setSenha(e.target.value)} />
        <ErrorNotice error={action.error} />
        <SubmitButton busy={action.busy} busyLabel="Entrando…">
          Entrar
        </SubmitButton>
      </form>
    </>
  );
}
