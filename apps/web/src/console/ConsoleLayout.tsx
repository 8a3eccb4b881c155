import { NavLink, Outlet } from 'react-router-dom';
import { api } from '../shared/api';
import { useAdmin } from './admin-context';

const LINKS = [
  { to: '/', label: 'Visão geral', end: true },
  { to: '/clientes', label: 'Clientes', end: false },
  { to: '/planos', label: 'Planos', end: false },
  { to: '/senha', label: 'Trocar senha', end: true },
];

export function ConsoleLayout({ onLoggedOut }: { onLoggedOut: () => void }) {
  const admin = useAdmin();
  const logout = async () => {
    // Whatever the master says, the web service clears the cookie: the session is over here.
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    onLoggedOut();
  };
  return (
    <div className="bo">
      <a className="pular" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="bo__topo">
        <span className="bo__marca">Console VendeAI</span>
        <nav aria-label="Console" className="bo__nav">
          {LINKS.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className="bo__link">
              {link.label}
            </NavLink>
          ))}
        </nav>
        <span className="bo__quem">
          {admin.nome} ({admin.role === 'admin' ? 'administrador' : 'somente leitura'})
        </span>
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
