import { api } from '../shared/api';
import { EntryPage } from '../backoffice/EntryPage';
import { SignInForm } from '../backoffice/SignInForm';
import type { Admin } from './console-types';

export function LoginPage({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (admin: Admin) => void }) {
  const signIn = async (email: string, password: string) => {
    // The web service keeps the token in an httpOnly cookie; the answer has none.
    await api('/auth/login', { method: 'POST', body: { email, password } });
    onLoggedIn(await api<Admin>('/auth/me'));
  };
  return (
    <EntryPage heading="Console VendeAI" title="Entrar" suffix="Console VendeAI">
      <p>Acesso da equipe de operação.</p>
      <SignInForm label="Entrar no console" notice={notice} signIn={signIn} />
    </EntryPage>
  );
}
