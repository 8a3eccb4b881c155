import { tenantOf } from '@helix/tenant-context';
import type { Request, RequestHandler } from 'express';
import { visitanteErrors } from './visitantes.errors';
import type { VisitorSession, VisitorTokens } from './visitor-token';

/** A JWT's characters, bounded: anything else is not worth verifying. */
const BEARER = /^Bearer ([A-Za-z0-9_.-]{16,2048})$/;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      visitante?: VisitorSession;
    }
  }
}

/**
 * After tenantGuard: the visitor's session token, signed by this robot and issued for this very
 * store (a token of another store is refused, even a valid one). Checks a signature, no database.
 */
export function visitorSessionGuard(tokens: VisitorTokens): RequestHandler {
  return (req, _res, next) => {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw visitanteErrors.sessionRequired();
    const session = tokens.read(token);
    if (session.tenantKey !== tenantOf(req).tenant_key) throw visitanteErrors.otherStore();
    req.visitante = session;
    next();
  };
}

/** The request's visitor; a route without the guard is a programming error, not a client's. */
export function visitorOf(req: Request): VisitorSession {
  if (!req.visitante) throw new Error('visitorSessionGuard must run before this handler');
  return req.visitante;
}
