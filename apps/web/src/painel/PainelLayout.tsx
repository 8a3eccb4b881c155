import { NavLink, Outlet } from 'react-router-dom';
import { api } from '../shared/api';
import { Logo } from '../shared/Logo';
import { usePainel } from './painel-context';
import { PAPEL_LABEL } from './painel-types';

export function PainelLayout({ onLoggedOut }: { onLoggedOut: (notice?: string) => void }) {
  const { usuario, loja, vertical, isOwner } = usePainel();
  const links = [
    { to: '/painel', label: vertical.words.plural, end: true },
    { to: '/painel/clientes', label: 'Clientes e conversas', end: false },
    { to: '/painel/agendamentos', label: vertical.words.agendamentos, end: true },
    { to: '/painel/uso', label: 'Uso do plano', end: true },
    ...(isOwner
      ? [
          { to: '/painel/loja', label: 'Aparência da loja', end: true },
          { to: '/painel/equipe', label: 'Equipe', end: true },
        ]
      : []),
  ];
  const logout = async () => {
    // The web service clears the cookie whatever the robot answers.
    await api('/equipe/logout', { method: 'POST' }).catch(() => undefined);
    onLoggedOut('Você saiu do painel.');
  };
  return (
    <div className="bo">
      <a className="pular" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="bo__topo">
        <span className="bo__marca">
          <Logo nome={loja.nome} logoUrl={loja.logo_url} />
          {loja.nome} · Painel
        </span>
        <nav aria-label="Painel" className="bo__nav">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className="bo__link">
              {link.label}
            </NavLink>
          ))}
        </nav>
        <span className="bo__quem">
          {usuario.nome} ({PAPEL_LABEL[usuario.papel]})
        </span>
        <a href="/" className="botao">
          Ver a loja
        </a>
        <button type="button" className="botao" onClick={logout}>
          Sair
        </button>
      </header>
      <main id="conteudo" className="bo__conteudo">
        <Outlet />
      </main>
    </div>
  );
}
