import { createContext, useCallback, useContext } from 'react';
import { isApiError } from '../shared/api';

/**
 * Back-office sessions live in httpOnly cookies the page cannot read: a 401 from any call is the only
 * sign that one expired (or was revoked). Each app provides what to do then (back to its login page).
 */
export const SessionExpiredContext = createContext<() => void>(() => undefined);

/** Runs the app's "session expired" reaction for a 401; true when it did (the caller shows nothing else). */
export function useSessionExpiry(): (error: unknown) => boolean {
  const expired = useContext(SessionExpiredContext);
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && error.status === 401) {
        expired();
        return true;
      }
      return false;
    },
    [expired],
  );
}
