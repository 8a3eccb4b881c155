import { useCallback, useState } from 'react';
import { useSessionExpiry } from './session-expiry';

/**
 * A button's or form's write: busy while it runs, its error kept for the page to show (a 401 goes to
 * the app's session-expired handling). Resolves to the result, or undefined when it failed.
 */
export function useAction() {
  const handleExpiry = useSessionExpiry();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (caught) {
        if (!handleExpiry(caught)) setError(caught);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [handleExpiry],
  );
  return { busy, error, setError, run };
}
