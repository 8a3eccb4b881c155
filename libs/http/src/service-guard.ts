import { secretsEqual } from '@helix/secrets';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './http-error';

declare module 'express-serve-static-core' {
  interface Request {
    /** Name of the service whose token authenticated the request. */
    service?: string;
  }
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
  return match?.[1];
}

/** Service-to-service calls (robots → master, operations → robots): token → service name, compared in constant time. */
export function serviceGuard(tokens: ReadonlyMap<string, string>): RequestHandler {
  const known = [...tokens.entries()];
  return (req, _res, next) => {
    const token = bearerToken(req);
    const match = token ? known.find(([candidate]) => secretsEqual(candidate, token)) : undefined;
    if (!match)
      throw new HttpError(401, 'SERVICE_TOKEN_INVALID', 'Token de serviço inválido.', undefined, { 'WWW-Authenticate': 'Bearer' });
    req.service = match[1];
    next();
  };
}
