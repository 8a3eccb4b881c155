import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../shared/api';
import { useDocumentTitle } from '../shared/use-document-title';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { TextField } from '../backoffice/Field';
import { PASSWORD_RULES, passwordProblem } from '../backoffice/password-rules';
import type { Usuario } from './painel-types';

/**
 * `/painel/convite#<token>`: the token travels in the fragment (never sent to any server in a
 * request line or Referer); the person sets a password and is signed in.
 */
export function InvitePage({ lojaNome, onLoggedIn }: { lojaNome?: string; onLoggedIn: (usuario: Usuario) => void }) {
  useDocumentTitle('Criar senha', lojaNome ? `Painel ${lojaNome}` : 'Painel');
  const token = useLocation().hash.replace(/^#/, '');
  const [senha, setSenha] = useState('');
  const [confirmacao, setConfirmacao] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = passwordProblem(senha, confirmacao);
    setProblem(local);
    if (local) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ usuario: Usuario }>('/equipe/convite/aceitar', { method: 'POST', body: { token, senha } });
      onLoggedIn(answer.usuario);
      navigate('/painel', { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <main id="conteudo" className="entrada">
      <h1 ref={heading} tabIndex={-1}>
        Crie sua senha {lojaNome ? `· ${lojaNome}` : ''}
      </h1>
      {!token ? (
        <p className="bo-aviso bo-aviso--erro" role="alert">
          Este link de convite está incompleto. Abra o link exatamente como você o recebeu ou peça um novo convite.
        </p>
      ) : (
        <form onSubmit={submit} className="formulario" noValidate aria-label="Criar senha">
          <TextField
            label="Nova senha"
            type="password"
            autoComplete="new-password"
            required
            value={senha}
            onChange={(e) => setSenha(e.target.value)}
            hint={PASSWORD_RULES}
            problem={problem}
          />
          <TextField
            label="Repita a senha"
            type="password"
            autoComplete="new-password"
            required
            value={confirmacao}
            onChange={(e) => setConfirmacao(e.target.value)}
          />
          <ErrorNotice error={error} />
          <button type="submit" className="botao botao--primario" disabled={busy}>
            {busy ? 'Salvando…' : 'Criar senha e entrar'}
          </button>
        </form>
      )}
    </main>
  );
}
