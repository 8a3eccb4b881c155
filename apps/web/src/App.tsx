import { lazy, Suspense } from 'react';
import { appKindOf } from './shared/host';
import { Loading } from './shared/Loading';
import { LojaGate } from './shared/LojaGate';
import { StorefrontApp } from './storefront/StorefrontApp';

// Operators and staff are few: their apps (and chart.js) load only when asked for, keeping the
// storefront's JavaScript small. Each of the three apps owns its router.
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));
const PainelApp = lazy(() => import('./painel/PainelApp'));

export const isPainelPath = (pathname: string): boolean => pathname === '/painel' || pathname.startsWith('/painel/');

/** `admin.<domínio>` → operators' console; any other host is a store: `/painel/*` its back-office, the rest its storefront. */
export function App({
  hostname = window.location.hostname,
  pathname = window.location.pathname,
}: {
  hostname?: string;
  pathname?: string;
}) {
  if (appKindOf(hostname) === 'console') {
    return (
      <Suspense fallback={<Loading />}>
        <ConsoleApp />
      </Suspense>
    );
  }
  return (
    <LojaGate>
      {isPainelPath(pathname) ? (
        <Suspense fallback={<Loading />}>
          <PainelApp />
        </Suspense>
      ) : (
        <StorefrontApp />
      )}
    </LojaGate>
  );
}
