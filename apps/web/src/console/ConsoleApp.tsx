import { useCallback, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useInRouterContext } from 'react-router-dom';
import { api, isAbort } from '../shared/api';
import { ErrorNotice } from '../backoffice/ErrorNotice';
import { Loading } from '../shared/Loading';
import { SessionExpiredContext } from '../backoffice/session-expiry';
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

type Session =
  { state: 'checking' } | { state: 'out'; notice?: string } | { state: 'in'; admin: Admin } | { state: 'down'; error: unknown };

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
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api<Admin>('/auth/me', { signal: controller.signal }).then(
      (admin) => setSession({ state: 'in', admin }),
      (error: unknown) => {
        if (isAbort(error)) return;
        const status = (error as { status?: number }).status;
        setSession(status === 401 ? { state: 'out' } : { state: 'down', error });
      },
    );
    return () => controller.abort();
  }, [round]);

  const expired = useCallback(() => setSession({ state: 'out', notice: 'Sua sessão expirou. Entre de novo.' }), []);
  const loggedOut = useCallback((notice?: string) => setSession({ state: 'out', notice }), []);

  if (session.state === 'checking') return <Loading />;
  if (session.state === 'down')
    return (
      <main id="conteudo" className="entrada">
        <h1>Console VendeAI</h1>
        <ErrorNotice error={session.error} />
        <button type="button" className="botao botao--primario" onClick={() => setRound((n) => n + 1)}>
          Tentar de novo
        </button>
      </main>
    );
  if (session.state === 'out') return <LoginPage notice={session.notice} onLoggedIn={(admin) => setSession({ state: 'in', admin })} />;

  return (
    <SessionExpiredContext.Provider value={expired}>
      <AdminContext.Provider value={session.admin}>
        <Routes>
          <Route element={<ConsoleLayout onLoggedOut={loggedOut} />}>
            <Route index element={<DashboardPage />} />
            <Route path="clientes" element={<TenantsPage />} />
            <Route path="clientes/novo" element={<OnboardingPage />} />
            <Route path="clientes/:key" element={<TenantDetailPage />} />
            <Route path="planos" element={<PlansPage />} />
            <Route path="planos/novo" element={<PlanFormPage />} />
            <Route path="planos/:id" element={<PlanFormPage />} />
            <Route path="senha" element={<PasswordPage onChanged={() => loggedOut('Senha alterada. Entre com a nova senha.')} />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </AdminContext.Provider>
    </SessionExpiredContext.Provider>
  );
}
