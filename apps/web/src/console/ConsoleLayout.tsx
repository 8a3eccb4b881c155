import { BackofficeLayout, type NavItem } from '../backoffice/BackofficeLayout';
import { useAdmin } from './admin-context';

const LINKS: NavItem[] = [
  { to: '/', label: 'Visão geral', end: true },
  { to: '/clientes', label: 'Clientes', end: false },
  { to: '/planos', label: 'Planos', end: false },
  { to: '/senha', label: 'Trocar senha', end: true },
];

export function ConsoleLayout({ onLoggedOut }: { onLoggedOut: () => void }) {
  const admin = useAdmin();
  return (
    <BackofficeLayout
      brand="Console VendeAI"
      navLabel="Console"
      links={LINKS}
      who={`${admin.nome} (${admin.role === 'admin' ? 'administrador' : 'somente leitura'})`}
      logoutPath="/auth/logout"
      onLoggedOut={onLoggedOut}
    />
  );
}
