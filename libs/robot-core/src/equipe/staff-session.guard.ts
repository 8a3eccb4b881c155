import { requireTenantApiKey, tenantOf } from '@helix/tenant-context';
import type { Request, RequestHandler } from 'express';
import { equipeErrors } from './equipe.errors';
import type { Papel, StaffMember } from './equipe.schema';
import type { EquipeService } from './equipe.service';
import type { StaffSession } from './staff-tokens';

/** A JWT (three base64url parts), bounded; API keys have no dots, so the two never meet. */
const JWT_BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const MAX_TOKEN_LENGTH = 2_048;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      equipe?: { usuario: StaffMember; session: StaffSession };
    }
  }
}

/** The guards of the store's back office, each after tenantGuard. */
export interface StaffGuards {
  /** The tenant's API key (as always, a hash compare) or a session of its staff (one query). */
  apiKeyOrStaff: RequestHandler;
  /** A session of the store's staff, any role. */
  staff: RequestHandler;
  /** A session of one of the store's owners. */
  owner: RequestHandler;
}

export function staffGuards(equipe: EquipeService): StaffGuards {
  const staffToken = (req: Request) => {
    const token = JWT_BEARER.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
  };
  const authenticated =
    (allowed: (papel: Papel) => boolean): RequestHandler =>
    async (req, _res, next) => {
      const token = staffToken(req);
      if (!token) throw equipeErrors.authRequired();
      req.equipe = await equipe.authenticate(tenantOf(req), token);
      if (!allowed(req.equipe.usuario.papel)) throw equipeErrors.roleForbidden();
      next();
    };
  const staff = authenticated(() => true);
  return {
    apiKeyOrStaff: (req, res, next) => (staffToken(req) ? staff(req, res, next) : requireTenantApiKey(req, res, next)),
    staff,
    owner: authenticated((papel) => papel === 'dono'),
  };
}

/** The request's staff member; a route without a staff guard is a programming error, not a client's. */
export function staffOf(req: Request): { usuario: StaffMember; session: StaffSession } {
  if (!req.equipe) throw new Error('a staff guard must run before this handler');
  return req.equipe;
}
