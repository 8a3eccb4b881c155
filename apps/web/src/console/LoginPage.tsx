import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { useDocumentTitle } from '../shared/use-document-title';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import type { Admin } from './console-types';

export function LoginPage({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (admin: Admin) => void }) {
  useDocumentTitle('Entrar', 'Console VendeAI');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The web service keeps the token in an httpOnly cookie; the answer has none.
      await api('/auth/login', { method: 'POST', body: { email, password } });
      onLoggedIn(await api<Admin>('/auth/me'));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main id="conteudo" className="entrada">
      <h1 ref={heading} tabIndex={-1}>
        Console VendeAI
      </h1>
      <p>Acesso da equipe de operação.</p>
      {notice && (
        <p className="bo-aviso" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="formulario" aria-label="Entrar no console">
        <TextField label="E-mail" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField
          label="Senha"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorNotice error={error} />
        <button type="submit" className="botao botao--primario" disabled={busy}>
          {busy ? 'Entrando…' : 'Entrar'}
        </button>
      </form>
    </main>
  );
}
