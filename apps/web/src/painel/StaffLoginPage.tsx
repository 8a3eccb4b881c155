import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../shared/api';
import { useDocumentTitle } from '../shared/use-document-title';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
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
  useDocumentTitle('Entrar', lojaNome ? `Painel ${lojaNome}` : 'Painel');
  const [email, setEmail] = useState('');
  const [senha, setSenha] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ usuario: Usuario }>('/equipe/login', { method: 'POST', body: { email, senha } });
      // The login route then sends the person on to where they were going.
      onLoggedIn(answer.usuario);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main id="conteudo" className="entrada">
      <h1 ref={heading} tabIndex={-1}>
        Painel {lojaNome ? `· ${lojaNome}` : 'da loja'}
      </h1>
      {notice && (
        <p className="bo-aviso" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="formulario" aria-label="Entrar no painel">
        <TextField label="E-mail" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField
          label="Senha"
          type="password"
          autoComplete="current-password"
          required
          value={senha}
          onChange={(e) => setSenha(e.target.value)}
        />
        <ErrorNotice error={error} />
        <button type="submit" className="botao botao--primario" disabled={busy}>
          {busy ? 'Entrando…' : 'Entrar'}
        </button>
      </form>
    </main>
  );
}
