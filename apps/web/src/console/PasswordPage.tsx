import { useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { PageHeading } from '../backoffice/PageHeading';
import { PASSWORD_RULES, passwordProblem } from '../backoffice/password-rules';
import { useAction } from '../backoffice/use-action';

/** Changing the password ends every session of the account, this one too: the operator signs in again. */
export function PasswordPage({ onChanged }: { onChanged: () => void }) {
  const [atual, setAtual] = useState('');
  const [nova, setNova] = useState('');
  const [confirmacao, setConfirmacao] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = passwordProblem(nova, confirmacao);
    setProblem(local);
    if (local) return;
    const done = await action.run(() => api('/auth/senha', { method: 'POST', body: { senha_atual: atual, nova_senha: nova } }));
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
        <TextField
          label="Senha atual"
          type="password"
          autoComplete="current-password"
          required
          value={atual}
          onChange={(e) => setAtual(e.target.value)}
        />
        <TextField
          label="Nova senha"
          type="password"
          autoComplete="new-password"
          required
          value={nova}
          onChange={(e) => setNova(e.target.value)}
          hint={PASSWORD_RULES}
          problem={problem}
        />
        <TextField
          label="Repita a nova senha"
          type="password"
          autoComplete="new-password"
          required
          value={confirmacao}
          onChange={(e) => setConfirmacao(e.target.value)}
        />
        <ErrorNotice error={action.error} />
        <button type="submit" className="botao botao--primario" disabled={action.busy}>
          Trocar senha
        </button>
      </form>
    </>
  );
}
