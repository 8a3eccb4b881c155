import { bearerToken } from '@helix/http';
import type { RequestHandler } from 'express';
import { authErrors } from './auth.errors';
import type { AdminPrincipal, AdminRole } from './auth.schema';
import type { AuthService } from './auth.service';
import type { SessionClaims } from './admin-session-tokens';

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminPrincipal;
    adminSession?: SessionClaims;
  }
}

/** What each admin role may do: viewers read, admins also write. */
const ALLOWED: Record<AdminRole, ReadonlySet<AdminRole>> = {
  admin: new Set(['admin']),
  viewer: new Set(['admin', 'viewer']),
};

/** Checks the token and then the account behind it on every request: the role is the database's, not the token's. */
export function adminGuard(auth: AuthService) {
  return (minimumRole: AdminRole): RequestHandler =>
    async (req, _res, next) => {
      const token = bearerToken(req);
      if (!token) throw authErrors.authRequired();
      const { admin, session } = await auth.authenticate(token);
      req.admin = admin;
      req.adminSession = session;
      if (!ALLOWED[minimumRole].has(admin.role)) throw authErrors.roleForbidden();
      next();
    };
}
