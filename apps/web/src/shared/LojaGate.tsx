import { useEffect, useState, type ReactNode } from 'react';
import { api, isAbort } from './api';
import { ErrorPage, lojaProblemOf, type LojaProblem } from './ErrorPage';
import { Loading } from './Loading';
import { LojaContext, type Loja } from './loja';
import { applyTheme } from './theme';

type GateState = { loja: Loja } | { problem: LojaProblem } | null;

/**
 * Everything on a store's host starts here: `GET /api/loja` names the store the Host points at. An
 * unknown, unavailable or unreachable store gets its whole-page message instead of `children`; an
 * open one gets its colour applied and is handed down through `LojaContext`.
 */
export function LojaGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api<Loja>('/loja', { signal: controller.signal })
      .then((loja) => {
        applyTheme(loja.cor_primaria);
        setState(loja.status_loja === 'indisponivel' ? { problem: 'indisponivel' } : { loja });
      })
      .catch((error: unknown) => {
        if (!isAbort(error)) setState({ problem: lojaProblemOf(error) });
      });
    return () => controller.abort();
  }, [attempt]);

  if (state === null) return <Loading />;
  if ('problem' in state) {
    const retry = () => {
      setState(null);
      setAttempt((n) => n + 1);
    };
    return <ErrorPage problem={state.problem} onRetry={retry} />;
  }
  return <LojaContext.Provider value={state.loja}>{children}</LojaContext.Provider>;
}
