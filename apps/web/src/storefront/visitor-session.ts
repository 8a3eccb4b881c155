import { api, isApiError } from '../shared/api';

let creating: Promise<unknown> | null = null;

/**
 * Runs a visitor call (`/visitante/*`), first opening the visitor's session when it has none. The
 * session lives in an httpOnly cookie this code never sees, so "none" is learnt from a 401; the
 * session is then created (`POST /visitante/sessao`, once even when several calls race) and the call
 * made again.
 */
export async function asVisitor<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
  }
  creating ??= api('/visitante/sessao', { method: 'POST' }).finally(() => {
    creating = null;
  });
  await creating;
  return call();
}
