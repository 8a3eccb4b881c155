import { useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useInRouterContext, useLocation } from 'react-router-dom';
import { api } from '../shared/api';
import { useLoja, type Loja } from '../shared/loja';
import { SessionCheckFailed } from '../backoffice/SessionCheckFailed';
import { Loading } from '../shared/Loading';
import { SessionExpiredContext } from '../backoffice/session-expiry';
import { useSessionCheck } from '../backoffice/use-session-check';
import '../backoffice/backoffice.css';
import { BookingsPage } from './BookingsPage';
import { CataloguePage } from './CataloguePage';
import { PAINEL_VERTICALS } from './catalogue-fields';
import { ConversationPage } from './ConversationPage';
import { CustomersPage } from './CustomersPage';
import { InvitePage } from './InvitePage';
import { ItemPage } from './ItemPage';
import { LojaPage } from './LojaPage';
import { OwnerOnly } from './OwnerOnly';
import { PainelContext, type Painel } from './painel-context';
import { PainelLayout } from './PainelLayout';
import type { Usuario } from './painel-types';
import { StaffLoginPage } from './StaffLoginPage';
import { TeamPage } from './TeamPage';
import { UsagePage } from './UsagePage';

/** `GET /equipe/eu` answers the user, possibly wrapped as `{usuario}`. */
const usuarioOf = (answer: Usuario | { usuario: Usuario }): Usuario => ('usuario' in answer ? answer.usuario : answer);
const whoAmI = (signal: AbortSignal) => api<Usuario | { usuario: Usuario }>('/equipe/eu', { signal }).then(usuarioOf);

/**
 * The store's back-office under `/painel` (the storefront's shell mounts it at `/painel/*`). Staff
 * sessions are httpOnly cookies kept by the web service: `/equipe/eu` says whether there is one,
 * and any 401 sends the person back to the login page.
 */
export default function PainelApp() {
  const inRouter = useInRouterContext();
  if (inRouter) return <PainelRoot />;
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/painel/*" element={<PainelRoot />} />
      </Routes>
    </BrowserRouter>
  );
}

function PainelRoot() {
  // The shell's LojaGate has already found the store (or shown its not-found / unavailable page).
  const loja = useLoja();
  const { session, signIn, signOut, expired, retry } = useSessionCheck(whoAmI);

  if (session.state === 'checking') return <Loading />;
  if (session.state === 'down') return <SessionCheckFailed heading="Painel da loja" error={session.error} onRetry={retry} />;

  return (
    <SessionExpiredContext.Provider value={expired}>
      <Routes>
        <Route path="convite" element={<InvitePage lojaNome={loja.nome} onLoggedIn={signIn} />} />
        <Route
          path="entrar"
          element={
            session.state === 'in' ? <BackFromLogin /> : <StaffLoginPage lojaNome={loja.nome} notice={session.notice} onLoggedIn={signIn} />
          }
        />
        <Route
          path="*"
          element={session.state === 'in' ? <SignedIn usuario={session.user} loja={loja} onLoggedOut={signOut} /> : <ToLogin />}
        />
      </Routes>
    </SessionExpiredContext.Provider>
  );
}

/** Signed in on the login page: on to where the person was going (kept by ToLogin), or the catalogue. */
function BackFromLogin() {
  const from = (useLocation().state as { from?: string } | null)?.from;
  return <Navigate to={from?.startsWith('/painel') ? from : '/painel'} replace />;
}

/** Back to the login page, remembering where the person was going. */
function ToLogin() {
  const location = useLocation();
  return <Navigate to="/painel/entrar" replace state={{ from: location.pathname + location.search }} />;
}

function SignedIn({ usuario, loja, onLoggedOut }: { usuario: Usuario; loja: Loja; onLoggedOut: (notice?: string) => void }) {
  const painel = useMemo<Painel>(
    () => ({ usuario, loja, vertical: PAINEL_VERTICALS[loja.vertical], isOwner: usuario.papel === 'dono' }),
    [usuario, loja],
  );
  return (
    <PainelContext.Provider value={painel}>
      <Routes>
        <Route element={<PainelLayout onLoggedOut={onLoggedOut} />}>
          <Route index element={<CataloguePage />} />
          <Route path="catalogo/novo" element={<ItemPage />} />
          <Route path="catalogo/:id" element={<ItemPage />} />
          <Route path="clientes" element={<CustomersPage />} />
          <Route path="conversas/:id" element={<ConversationPage />} />
          <Route path="agendamentos" element={<BookingsPage />} />
          <Route path="uso" element={<UsagePage />} />
          <Route path="loja" element={<OwnerOnly>{<LojaPage />}</OwnerOnly>} />
          <Route path="equipe" element={<OwnerOnly>{<TeamPage />}</OwnerOnly>} />
          <Route path="*" element={<Navigate to="/painel" replace />} />
        </Route>
      </Routes>
    </PainelContext.Provider>
  );
}
