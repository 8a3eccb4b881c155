import type { Request, Response } from 'express';

/** The sessions a browser holds with us: each an httpOnly cookie carrying the upstream's bearer token. */
export const SESSION_COOKIES = { visitante: 'helix_visitante', equipe: 'helix_equipe', admin: 'helix_admin' } as const;
export type SessionCookie = (typeof SESSION_COOKIES)[keyof typeof SESSION_COOKIES];

/** What a bearer token may look like (as libs/http reads `Authorization: Bearer`). */
const TOKEN = /^[A-Za-z0-9._~+/=-]{1,4096}$/;

/** `Authorization` for the upstream from the session cookie, if the browser has a well-formed one. */
export function bearerFromCookie(req: Request, cookie: SessionCookie): { authorization: string } | Record<string, never> {
  const token: unknown = req.cookies?.[cookie];
  return typeof token === 'string' && TOKEN.test(token) ? { authorization: `Bearer ${token}` } : {};
}

/** The session's lifetime from the upstream's answer: `expira_em` (robots, an instant) or `expires_in` (master, seconds). */
function maxAgeMs(body: Record<string, unknown>, now: number): number | undefined {
  if (typeof body.expires_in === 'number') return body.expires_in * 1000;
  const expiry = typeof body.expira_em === 'string' ? Date.parse(body.expira_em) : NaN;
  return Number.isNaN(expiry) ? undefined : Math.max(0, expiry - now);
}

export class SessionCookies {
  constructor(private readonly secure: boolean) {}

  private options(maxAge?: number) {
    return { httpOnly: true, sameSite: 'strict' as const, secure: this.secure, path: '/', ...(maxAge === undefined ? {} : { maxAge }) };
  }

  /**
   * A successful login's answer: its token goes into the cookie and out of the JSON, so no script
   * in the page can ever read it. Other answers pass unchanged.
   */
  keepToken(res: Response, cookie: SessionCookie) {
    return (status: number, body: unknown): unknown => {
      if (status < 200 || status >= 300 || !body || typeof body !== 'object' || Array.isArray(body)) return body;
      const { token, ...rest } = body as Record<string, unknown>;
      if (typeof token !== 'string' || !TOKEN.test(token)) return rest;
      res.cookie(cookie, token, this.options(maxAgeMs(rest, Date.now())));
      return rest;
    };
  }

  /** Logging out forgets the cookie whatever the upstream answered. */
  forget(res: Response, cookie: SessionCookie): void {
    res.clearCookie(cookie, this.options());
  }
}
