import { forbidden, unauthorized } from '@helix/http';
import { secretsEqual } from '@helix/secrets';
import type { Request, RequestHandler } from 'express';
import type { AdminPrincipal, AdminRole } from './auth.schema';
import type { AuthService } from './auth.service';

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminPrincipal;
    service?: string;
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
  return match?.[1];
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

/** Robots call the internal API with their own token (name → token in SERVICE_TOKENS), never an admin JWT. */
export function serviceGuard(tokens: Map<string, string>): RequestHandler {
  const known = [...tokens.entries()];
  return (req, _res, next) => {
    const token = bearerToken(req);
    const match = token ? known.find(([candidate]) => secretsEqual(candidate, token)) : undefined;
    if (!match) throw unauthorized('SERVICE_TOKEN_INVALID', 'Token de serviço inválido.');
    req.service = match[1];
    next();
  };
}
