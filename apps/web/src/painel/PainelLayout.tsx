import { BackofficeLayout, type NavItem } from '../backoffice/BackofficeLayout';
import { Logo } from '../shared/Logo';
import { usePainel } from './painel-context';
import { PAPEL_LABEL } from './painel-types';

export function PainelLayout({ onLoggedOut }: { onLoggedOut: (notice?: string) => void }) {
  const { usuario, loja, vertical, isOwner } = usePainel();
  const links: NavItem[] = [
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
  return (
    <BackofficeLayout
      brand={
        <>
          <Logo nome={loja.nome} logoUrl={loja.logo_url} />
          {loja.nome} · Painel
        </>
      }
      navLabel="Painel"
      links={links}
      who={`${usuario.nome} (${PAPEL_LABEL[usuario.papel]})`}
      extraActions={
        <a href="/" className="botao">
          Ver a loja
        </a>
      }
      logoutPath="/equipe/logout"
      onLoggedOut={() => onLoggedOut('Você saiu do painel.')}
    />
  );
}
