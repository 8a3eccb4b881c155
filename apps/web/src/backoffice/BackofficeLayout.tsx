import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { api } from '../shared/api';

export interface NavItem {
  to: string;
  label: string;
  /** Active only on this very path (not on the pages below it). */
  end: boolean;
}

/** The console's and the painel's frame: brand, navigation, who is signed in, Sair; the page below. */
export function BackofficeLayout({
  brand,
  navLabel,
  links,
  who,
  extraActions,
  logoutPath,
  onLoggedOut,
}: {
  brand: ReactNode;
  navLabel: string;
  links: NavItem[];
  who: string;
  extraActions?: ReactNode;
  logoutPath: string;
  onLoggedOut: () => void;
}) {
  const logout = async () => {
    // Whatever the server answers, the web service clears the cookie: the session is over here.
    await api(logoutPath, { method: 'POST' }).catch(() => undefined);
    onLoggedOut();
  };
  return (
    <div className="bo">
      <a className="pular" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="bo__topo">
        <span className="bo__marca">{brand}</span>
        <nav aria-label={navLabel} className="bo__nav">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className="bo__link">
              {link.label}
            </NavLink>
          ))}
        </nav>
        <span className="bo__quem">{who}</span>
        {extraActions}
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
