import { BrowserRouter, Navigate, Route, Routes, useInRouterContext } from 'react-router-dom';
import { api } from '../shared/api';
import { SessionCheckFailed } from '../backoffice/SessionCheckFailed';
import { Loading } from '../shared/Loading';
import { SessionExpiredContext } from '../backoffice/session-expiry';
import { useSessionCheck } from '../backoffice/use-session-check';
import '../backoffice/backoffice.css';
import { AdminContext } from './admin-context';
import type { Admin } from './console-types';
import { ConsoleLayout } from './ConsoleLayout';
import { DashboardPage } from './DashboardPage';
import { LoginPage } from './LoginPage';
import { OnboardingPage } from './OnboardingPage';
import { PasswordPage } from './PasswordPage';
import { PlanFormPage } from './PlanFormPage';
import { PlansPage } from './PlansPage';
import { TenantDetailPage } from './TenantDetailPage';
import { TenantsPage } from './TenantsPage';

const whoAmI = (signal: AbortSignal) => api<Admin>('/auth/me', { signal });

/**
 * The operators' console (admin host): master-api behind `/api`. The session is an httpOnly cookie
 * the web service keeps; `/auth/me` tells whether there is one, and any 401 means it ended.
 */
export default function ConsoleApp() {
  const inRouter = useInRouterContext();
  return inRouter ? (
    <Console />
  ) : (
    <BrowserRouter>
      <Console />
    </BrowserRouter>
  );
}

function Console() {
  const { session, signIn, signOut, expired, retry } = useSessionCheck(whoAmI);

  if (session.state === 'checking') return <Loading />;
  if (session.state === 'down') return <SessionCheckFailed heading="Console VendeAI" error={session.error} onRetry={retry} />;
  if (session.state === 'out') return <LoginPage notice={session.notice} onLoggedIn={signIn} />;

  return (
    <SessionExpiredContext.Provider value={expired}>
      <AdminContext.Provider value={session.user}>
        <Routes>
          <Route element={<ConsoleLayout onLoggedOut={signOut} />}>
            <Route index element={<DashboardPage />} />
            <Route path="clientes" element={<TenantsPage />} />
            <Route path="clientes/novo" element={<OnboardingPage />} />
            <Route path="clientes/:key" element={<TenantDetailPage />} />
            <Route path="planos" element={<PlansPage />} />
            <Route path="planos/novo" element={<PlanFormPage />} />
            <Route path="planos/:id" element={<PlanFormPage />} />
            <Route path="senha" element={<PasswordPage onChanged={() => signOut('Senha alterada. Entre com a nova senha.')} />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </AdminContext.Provider>
    </SessionExpiredContext.Provider>
  );
}
