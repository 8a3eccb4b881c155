import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';

export type { Logger } from 'pino';

/** Lines go to stdout and, when given, also to `alsoTo` (e.g. per-tenant log files). */
export function createLogger(service: string, level: string, alsoTo?: { write(line: string): void }): Logger {
  const options = { name: service, level, base: { service } };
  if (!alsoTo) return pino(options);
  return pino(options, pino.multistream([{ stream: process.stdout, level: level as pino.Level }, { stream: alsoTo, level: level as pino.Level }]));
}

/** One line per request: route, status, duration and, on robots, the tenant it ran for. */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    customProps: (req) => {
      const r = req as typeof req & { route?: { path?: string }; tenant?: { tenant_key?: string } };
      return { route: r.route?.path, tenant_key: r.tenant?.tenant_key };
    },
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  });
}
