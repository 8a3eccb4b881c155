import pino, { type Logger } from 'pino';
import type { RequestHandler } from 'express';
import type { HttpMetrics } from './metrics';

export type { Logger } from 'pino';

/** Lines go to stdout and, when given, also to `alsoTo` (e.g. per-tenant log files). */
export function createLogger(service: string, level: string, alsoTo?: { write(line: string): void }): Logger {
  const options = { name: service, level, base: { service } };
  if (!alsoTo) return pino(options);
  return pino(
    options,
    pino.multistream([
      { stream: process.stdout, level: level as pino.Level },
      { stream: alsoTo, level: level as pino.Level },
    ]),
  );
}

/**
 * One line per request (route, status, duration and, on robots, the tenant it ran for: whoever
 * resolved it put its key in `res.locals.tenant_key`) and its observation in the duration
 * histogram, from one listener and one clock reading. Written by hand rather than with pino-http,
 * which builds a child logger and serialises the request on every request even when the line's
 * level is off (~8 % of a robot's CPU under load).
 */
export function observeRequests(logger: Logger, metrics: Pick<HttpMetrics, 'observeRequest'>): RequestHandler {
  let lastId = 0;
  return (req, res, next) => {
    const id = ++lastId;
    const started = performance.now();
    // 'close' comes after 'finish' for a complete response, and alone for an aborted one.
    res.once('close', () => {
      const elapsedMs = performance.now() - started;
      const route = (req as typeof req & { route?: { path?: string } }).route?.path;
      if (res.writableFinished) metrics.observeRequest(req.method, route ?? 'unmatched', res.statusCode, elapsedMs / 1000);
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (res.locals.quiet || !logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id, method: req.method, url: req.originalUrl },
          res: { status: res.statusCode },
          responseTime: Math.round(elapsedMs),
          route,
          tenant_key: res.locals.tenant_key as string | undefined,
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}

/** A warning for a condition that may repeat on every request (a dependency down): logged at most once per `everyMs`. */
export function warnEvery(logger: Logger, message: string, everyMs = 10_000): (error: unknown) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < everyMs) {
      suppressed++;
      return;
    }
    logger.warn({ err: error, suppressed }, message);
    last = now;
    suppressed = 0;
  };
}
