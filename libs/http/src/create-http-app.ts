import { TENANT_KEY_PATTERN } from '@helix/contracts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { errorHandler, routeNotFound } from './error-handler';
import type { ErrorAnswers } from './error-statuses';
import { HttpError } from './http-error';
import { observeRequests, type Logger } from './logger';
import { createMetrics } from './metrics';
import { buildOpenApiDocument } from './openapi';
import { defineRoute, mountRoutes, type RouteSpec } from './routes';

export interface HttpAppOptions {
  service: string;
  version: string;
  description?: string;
  logger: Logger;
  bodyLimit: string;
  /** Dependencies that must answer for /ready (the database, the master…). */
  readiness: () => Promise<void>;
  /** Runs before the routes (e.g. tenant resolution on robots). */
  middleware?: RequestHandler[];
  /**
   * Asked first by the server `app.listen` starts, before Express (which alone costs several times
   * Node's HTTP parsing): answers a request that must cost almost nothing to refuse (a flood already
   * known to be over its rate) and returns true. An app mounted elsewhere simply skips it.
   */
  refuseEarly?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Express 'trust proxy' (TRUST_PROXY): whose address `req.ip` is, behind a load balancer. */
  trustProxy?: boolean | number | string;
  /** How long a client may take to send a request's headers and whole body, and keep an idle connection (HTTP_*_TIMEOUT_MS). */
  timeouts: HttpTimeouts;
  /** The service's own series, beside the HTTP ones, on its /metrics. */
  registerMetrics?: (registry: Registry) => void;
  /** How the app answers domain errors (its ErrorStatuses table) and which other errors it reads as such (MySQL's). */
  errors?: ErrorAnswers;
  routes: readonly RouteSpec[];
}

/**
 * Every service answers JSON only: helmet's profile for APIs (OWASP REST Security) instead of its
 * defaults for HTML pages. No response may be framed or load anything; the headers about pages'
 * windows, DNS prefetching, old IE downloads and its XSS filter have nothing to act on here.
 */
const apiSecurityHeaders = () =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xXssProtection: false,
  });

/**
 * The headers every answer starts with: helmet's for that profile, asked once (none depends on the
 * request, no nonce), so each answer gets them in one loop instead of helmet's chain of middlewares
 * (about a tenth of the cost of refusing a request), early refusals get the very same ones; and
 * `Cache-Control: no-store`, since most answers carry personal data or secrets: the few meant for
 * shared caches (the public catalogue) say so themselves.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = (() => {
  const headers: [string, string][] = [];
  let done = false;
  const recorder = { setHeader: (name: string, value: string) => void headers.push([name, value]), removeHeader: () => undefined };
  apiSecurityHeaders()({} as never, recorder as never, () => (done = true));
  if (!done) throw new Error('helmet no longer answers synchronously: review SECURITY_HEADERS');
  return [...headers, ['Cache-Control', 'no-store']];
})();

const securityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};

export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
}

/**
 * The server `app.listen` starts: a client that sends its headers or its body too slowly gets 408
 * and its connection closed (Node's defaults wait 60 s and 300 s, holding a socket and a parser per
 * slow client), and an idle keep-alive connection is closed. Node checks these on an interval: a
 * fraction of the shortest, so they hold to within it.
 */
function boundedServer(handler: (req: IncomingMessage, res: ServerResponse) => unknown, timeouts: HttpTimeouts): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 4)),
    },
    handler,
  );
  server.keepAliveTimeout = timeouts.keepAliveMs;
  return server;
}

/** The plumbing every service shares; each feature only contributes its route declarations (`*.routes.ts`). */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  const metrics = createMetrics(options.service);
  options.registerMetrics?.(metrics.registry);
  const systemRoutes = [
    defineRoute({ method: 'get', path: '/health', tag: 'Sistema', summary: 'Vivo (liveness)', handle: () => ({ status: 'ok' }) }),
    defineRoute({
      method: 'get',
      path: '/ready',
      tag: 'Sistema',
      summary: 'Pronto para atender (dependências respondem)',
      errors: { 503: 'Uma dependência não responde' },
      handle: async () => {
        try {
          await options.readiness();
        } catch (error) {
          options.logger.warn({ err: error }, 'not ready');
          throw new HttpError(503, 'NOT_READY', 'Serviço ainda não está pronto.');
        }
        return { status: 'ready' };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      tag: 'Sistema',
      summary: 'Métricas Prometheus',
      handle: async ({ res }) => {
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      },
    }),
    defineRoute({ method: 'get', path: '/docs', tag: 'Sistema', summary: 'Este documento OpenAPI', handle: () => document }),
  ];
  const routes = [...systemRoutes, ...options.routes];
  const document = buildOpenApiDocument({ title: options.service, version: options.version, description: options.description }, routes);

  app.use(securityHeaders);
  app.use(observeRequests(options.logger, metrics));
  for (const middleware of options.middleware ?? []) app.use(middleware);
  // Bodies are read after the route's guards: a request they refuse (no token, over its rate) costs no parsing.
  mountRoutes(app, routes, express.json({ limit: options.bodyLimit, strict: true }));
  app.use(routeNotFound);
  app.use(errorHandler(options.logger, options.errors ?? { statuses: {} }));
  const refuseEarly = options.refuseEarly;
  const handler = refuseEarly ? (req: IncomingMessage, res: ServerResponse) => refuseEarly(req, res) || app(req, res) : app;
  app.listen = ((...args: unknown[]) =>
    boundedServer(handler, options.timeouts).listen(...(args as Parameters<Server['listen']>))) as Express['listen'];
  return app;
}

/** `:key` of routes about one tenant (master admin API, robots' operations API). */
export const tenantKeyParam = z.object({
  key: z.string().regex(TENANT_KEY_PATTERN, 'chave de cliente inválida'),
});

/** Common zod pieces for route schemas. */
export const pagination = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
};
