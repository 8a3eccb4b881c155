import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from '../shared/api';
import { useSessionExpiry } from './session-expiry';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after a change made on the page). */
  reload: () => void;
}

/**
 * One GET for a page: loading, data or error; aborted when the inputs change or the page goes away.
 * A 401 goes to the app's session-expired handling instead of the page.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const handleExpiry = useSessionExpiry();
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // The caller's deps decide when `load` changes (it is a new closure every render).
  const stableLoad = useCallback(load, deps);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    stableLoad(controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (isAbort(error) || controller.signal.aborted) return;
        if (handleExpiry(error)) return;
        setState({ error, loading: false });
      },
    );
    return () => controller.abort();
  }, [stableLoad, round, handleExpiry]);

  return { data: state.data, error: state.error, loading: state.loading, reload: useCallback(() => setRound((n) => n + 1), []) };
}
