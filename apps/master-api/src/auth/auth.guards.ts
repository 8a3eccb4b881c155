import { bearerToken, forbidden, unauthorized } from '@helix/http';
import type { RequestHandler } from 'express';
import type { AdminPrincipal, AdminRole } from './auth.schema';
import type { AuthService } from './auth.service';

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminPrincipal;
  }
}

/** What each admin role may do: viewers read, admins also write. */
const ALLOWED: Record<AdminRole, ReadonlySet<AdminRole>> = {
  admin: new Set(['admin']),
  viewer: new Set(['admin', 'viewer']),
};

export function adminGuard(auth: AuthService) {
  return (minimumRole: AdminRole): RequestHandler =>
    (req, _res, next) => {
      const token = bearerToken(req);
      if (!token) throw unauthorized('AUTH_REQUIRED', 'Autenticação necessária.');
      req.admin = auth.verify(token);
      if (!ALLOWED[minimumRole].has(req.admin.role)) {
        throw forbidden('ROLE_FORBIDDEN', 'Seu perfil não permite esta operação.');
      }
      next();
    };
}
