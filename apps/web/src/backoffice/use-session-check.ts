import { useCallback, useEffect, useState } from 'react';
import { isAbort, isApiError } from '../shared/api';

export type Session<User> =
  { state: 'checking' } | { state: 'out'; notice?: string } | { state: 'in'; user: User } | { state: 'down'; error: unknown };

/**
 * Whether the httpOnly cookie (which the page cannot read) holds a session: `whoAmI` answers the
 * user, a 401 means signed out, any other failure that the server is down (`retry` asks again).
 * `whoAmI` must not change between renders.
 */
export function useSessionCheck<User>(whoAmI: (signal: AbortSignal) => Promise<User>) {
  const [session, setSession] = useState<Session<User>>({ state: 'checking' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    whoAmI(controller.signal).then(
      (user) => setSession({ state: 'in', user }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setSession(isApiError(error) && error.status === 401 ? { state: 'out' } : { state: 'down', error });
      },
    );
    return () => controller.abort();
  }, [whoAmI, round]);

  const signIn = useCallback((user: User) => setSession({ state: 'in', user }), []);
  const signOut = useCallback((notice?: string) => setSession({ state: 'out', notice }), []);
  const expired = useCallback(() => signOut('Sua sessão expirou. Entre de novo.'), [signOut]);
  const retry = useCallback(() => setRound((n) => n + 1), []);
  return { session, signIn, signOut, expired, retry };
}
