import { useCallback, useState } from 'react';
import { useSessionExpiry } from './session-expiry';

/** Busy while the work runs, its error kept for the page unless `handled` takes it; undefined when it failed. */
function usePendingWork(handled: (error: unknown) => boolean) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (caught) {
        if (!handled(caught)) setError(caught);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [handled],
  );
  return { busy, error, setError, run };
}

/**
 * A button's or form's write: busy while it runs, its error kept for the page to show (a 401 goes to
 * the app's session-expired handling). Resolves to the result, or undefined when it failed.
 */
export function useAction() {
  return usePendingWork(useSessionExpiry());
}

const notHandled = () => false;

/** The same for the pages that open a session (sign in, accept an invite): there a 401 is the answer to show. */
export function useSignInAction() {
  return usePendingWork(notHandled);
}
