import { api } from '../shared/api';
import { EntryPage } from '../backoffice/EntryPage';
import { SignInForm } from '../backoffice/SignInForm';
import type { Usuario } from './painel-types';

/** `POST /equipe/login`: the web service keeps the token in an httpOnly cookie and answers the user without it. */
export function StaffLoginPage({
  lojaNome,
  notice,
  onLoggedIn,
}: {
  lojaNome?: string;
  notice?: string;
  onLoggedIn: (usuario: Usuario) => void;
}) {
  const signIn = async (email: string, senha: string) => {
    const answer = await api<{ usuario: Usuario }>('/equipe/login', { method: 'POST', body: { email, senha } });
    // The login route then sends the person on to where they were going.
    onLoggedIn(answer.usuario);
  };
  return (
    <EntryPage
      heading={`Painel ${lojaNome ? `· ${lojaNome}` : 'da loja'}`}
      title="Entrar"
      suffix={lojaNome ? `Painel ${lojaNome}` : 'Painel'}
    >
      <SignInForm label="Entrar no painel" notice={notice} signIn={signIn} />
    </EntryPage>
  );
}
