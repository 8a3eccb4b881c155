import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../shared/api';
import { EntryPage } from '../backoffice/EntryPage';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { NewPasswordFields, useNewPassword } from '../backoffice/NewPasswordFields';
import { useSignInAction } from '../backoffice/use-action';
import type { Usuario } from './painel-types';
import { SubmitButton } from '../backoffice/SubmitButton';

/**
 * `/painel/convite#<token>`: the token travels in the fragment (never sent to any server in a
 * request line or Referer); the person sets a password and is signed in.
 */
export function InvitePage({ lojaNome, onLoggedIn }: { lojaNome?: string; onLoggedIn: (usuario: Usuario) => void }) {
  const token = useLocation().hash.replace(/^#/, '');
  const password = useNewPassword();
  const action = useSignInAction();
  const navigate = useNavigate();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password.check()) return;
    const answer = await action.run(() =>
      api<{ usuario: Usuario }>('/equipe/convite/aceitar', { method: 'POST', body: { token, senha: password.senha } }),
    );
    if (answer) {
      onLoggedIn(answer.usuario);
      navigate('/painel', { replace: true });
    }
  };

  return (
    <EntryPage
      heading={`Crie sua senha ${lojaNome ? `· ${lojaNome}` : ''}`}
      title="Criar senha"
      suffix={lojaNome ? `Painel ${lojaNome}` : 'Painel'}
    >
      {!token ? (
        <p className="bo-aviso bo-aviso--erro" role="alert">
          Este link de convite está incompleto. Abra o link exatamente como você o recebeu ou peça um novo convite.
        </p>
      ) : (
        <form onSubmit={submit} className="formulario" noValidate aria-label="Criar senha">
          <NewPasswordFields password={password} repeatLabel="Repita a senha" />
          <ErrorNotice error={action.error} />
          <SubmitButton busy={action.busy} busyLabel="Salvando…">
            Criar senha e entrar
          </SubmitButton>
        </form>
      )}
    </EntryPage>
  );
}
