import { httpTimeoutsOf, type WebConfig } from '@helix/config';
import { DomainError } from '@helix/contracts';
import { createHttpApp, type Logger } from '@helix/http';
import type { RateLimiter } from '@helix/rate-limit';
import { ThrottleReport, UnknownTenantGate } from '@helix/tenant-context';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LojaDirectory } from './loja-directory';
import { MasterLojasClient } from './master-lojas.client';
import { assertSameOrigin } from './origin-check';
import { spaPages } from './pages';
import { RoundRobin } from './round-robin';
import { SESSION_COOKIES, SessionCookies, bearerFromCookie, type SessionCookie } from './session-cookies';
import { siteOfHost, type Site } from './site-of-host';
import { forward, type ForwardOptions } from './upstream-proxy';
import { WEB_ERROR_STATUSES } from './web-error-statuses';
import { webErrors } from './web.errors';

export interface WebDeps {
  config: WebConfig;
  logger: Logger;
  /** Lookups of unknown stores per address: shared by every web instance through Redis when REDIS_URL is set. */
  rateLimiter: RateLimiter;
}

/** Answered by libs/http whatever the Host: health, readiness, metrics, the (empty) API document. */
const SYSTEM_PATHS = new Set(['/health', '/ready', '/metrics', '/docs']);
/** Uploads (photos ≤ 5 MB) stream through with room for the multipart framing; everything else is small JSON. */
const MULTIPART_MAX_BYTES = 6 * 1024 * 1024;
const JSON_MAX_BYTES = 100 * 1024;
/** `.` or `..` as a path segment, plain or percent-encoded: never passed on for an upstream to resolve. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;
/** Host names that name no store: the SPA's "loja não encontrada" page, with 404. */
const STORE_NOT_FOUND = new Set(['TENANT_NOT_FOUND', 'TENANT_REQUIRED', 'INVALID_TENANT_KEY']);
const isStoreNotFound = (error: unknown) => error instanceof DomainError && STORE_NOT_FOUND.has(error.code);
/**
 * A store page's first request (LojaGate's `GET /api/loja`), asked for by the browser while the SPA's
 * script downloads instead of after it ran; the SPA's own fetch then takes the preloaded answer.
 */
const STORE_PAGE_PRELOAD = '</api/loja>; rel=preload; as=fetch; crossorigin';

/** Which calls open or close a session: the token of the answer becomes the cookie; logging out forgets it. */
const LOJA_SESSIONS: Record<string, { cookie: SessionCookie; action: 'keep' | 'forget' }> = {
  'POST /visitante/sessao': { cookie: SESSION_COOKIES.visitante, action: 'keep' },
  'POST /equipe/login': { cookie: SESSION_COOKIES.equipe, action: 'keep' },
  'POST /equipe/convite/aceitar': { cookie: SESSION_COOKIES.equipe, action: 'keep' },
  'POST /equipe/logout': { cookie: SESSION_COOKIES.equipe, action: 'forget' },
};
const ADMIN_SESSIONS: typeof LOJA_SESSIONS = {
  'POST /auth/login': { cookie: SESSION_COOKIES.admin, action: 'keep' },
  'POST /auth/senha': { cookie: SESSION_COOKIES.admin, action: 'keep' },
  'POST /auth/logout': { cookie: SESSION_COOKIES.admin, action: 'forget' },
  'POST /auth/logout-all': { cookie: SESSION_COOKIES.admin, action: 'forget' },
};

/**
 * The one origin browsers talk to: for a store's Host, `/api/loja` (its public facts) and every
 * other `/api/*` passed to a robot instance of its vertical; for the admin Host, `/api/*` passed to
 * the master; session cookies turned into bearer tokens; any other GET, the SPA.
 */
export function createWebApp(deps: WebDeps) {
  const { config, logger } = deps;
  const perMinute = (limit: number) => ({ perMinute: limit, burst: Math.max(1, Math.ceil(limit / 2)) });
  const directory = new LojaDirectory(
    new MasterLojasClient({ baseUrl: config.MASTER_URL, serviceToken: config.SERVICE_TOKEN, timeoutMs: config.MASTER_TIMEOUT_MS }),
    new UnknownTenantGate(
      deps.rateLimiter,
      { perAddress: perMinute(config.UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS), overall: perMinute(config.UNKNOWN_TENANT_LOOKUPS) },
      new ThrottleReport(),
    ),
    {
      ttlMs: config.LOJA_CACHE_TTL_MS,
      negativeTtlMs: config.LOJA_NEGATIVE_TTL_MS,
      staleMs: config.LOJA_STALE_MS,
      maxEntries: config.LOJA_CACHE_MAX,
    },
  );
  const robots = new RoundRobin(config.ROBOTS);
  const cookies = new SessionCookies(config.COOKIE_SECURE);
  const pages = spaPages(config.WEB_DIST_DIR);
  const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'desconhecido';

  /** `/api/<rest>` → `/<rest>` with its query, exactly as sent. */
  const upstreamPath = (req: Request) => {
    const rest = req.originalUrl.slice('/api'.length);
    return rest.startsWith('/') ? rest : `/${rest}`;
  };
  const pathOnly = (req: Request) => req.path.slice('/api'.length) || '/';

  function forwardWithSession(
    req: Request,
    res: Response,
    next: NextFunction,
    sessions: typeof LOJA_SESSIONS,
    options: Omit<ForwardOptions, 'path' | 'timeoutMs' | 'maxBodyBytes' | 'rewriteJson'>,
  ): void {
    const session = sessions[`${req.method} ${pathOnly(req)}`];
    if (session?.action === 'forget') cookies.forget(res, session.cookie);
    forward(req, res, next, {
      ...options,
      path: upstreamPath(req),
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      maxBodyBytes: /^multipart\/form-data/i.test(req.headers['content-type'] ?? '') ? MULTIPART_MAX_BYTES : JSON_MAX_BYTES,
      rewriteJson: session?.action === 'keep' ? cookies.keepToken(res, session.cookie) : undefined,
    });
  }

  async function lojaApi(site: Extract<Site, { kind: 'loja' }>, req: Request, res: Response, next: NextFunction): Promise<void> {
    const loja = await directory.find(site.lookup, clientAddress(req));
    res.locals.tenant_key = loja.tenant_key;
    // Reading the store is ours; changing its look (PATCH /loja, the owner) is its robot's.
    if (pathOnly(req) === '/loja' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.json(loja);
      return;
    }
    if (loja.status_loja !== 'aberta') throw webErrors.lojaIndisponivel();
    const robot = robots.next(loja.vertical);
    if (!robot) throw webErrors.roboIndisponivel();
    const credential = pathOnly(req).startsWith('/visitante/') ? SESSION_COOKIES.visitante : SESSION_COOKIES.equipe;
    forwardWithSession(req, res, next, LOJA_SESSIONS, {
      origin: robot,
      headers: { 'x-tenant-key': loja.tenant_key, ...bearerFromCookie(req, credential) },
      unavailable: webErrors.roboIndisponivel,
    });
  }

  function adminApi(req: Request, res: Response, next: NextFunction): void {
    forwardWithSession(req, res, next, ADMIN_SESSIONS, {
      origin: config.MASTER_URL,
      headers: bearerFromCookie(req, SESSION_COOKIES.admin),
      unavailable: webErrors.masterIndisponivel,
    });
  }

  async function page(site: Site | undefined, req: Request, res: Response): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw webErrors.routeNotFound();
    // A built file that is not there is missing, not a page of the SPA.
    if (req.path.startsWith('/assets/')) throw webErrors.routeNotFound();
    if (!site) return pages.index(res, 404);
    if (site.kind === 'loja') {
      try {
        res.locals.tenant_key = (await directory.find(site.lookup, clientAddress(req))).tenant_key;
      } catch (error) {
        if (!isStoreNotFound(error)) throw error;
        return pages.index(res, 404);
      }
      res.setHeader('Link', STORE_PAGE_PRELOAD);
    }
    await pages.index(res, 200);
  }

  const web: RequestHandler = async (req, res, next) => {
    if (SYSTEM_PATHS.has(req.path)) return next();
    let site: Site | undefined;
    let siteError: unknown;
    try {
      site = siteOfHost(req.headers.host, config.BASE_DOMAINS);
    } catch (error) {
      siteError = error;
    }
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      if (siteError || !site) throw siteError;
      if (DOT_SEGMENT.test(req.originalUrl.split('?')[0])) throw webErrors.routeNotFound();
      assertSameOrigin(req);
      return site.kind === 'admin' ? adminApi(req, res, next) : lojaApi(site, req, res, next);
    }
    // Hostile hosts get JSON; hosts that merely name no store get the SPA's "not found" page.
    if (siteError && !isStoreNotFound(siteError)) throw siteError;
    pages.files(req, res, () => page(site, req, res).catch(next));
  };

  return createHttpApp({
    service: 'web',
    version: '1.0.0',
    description: 'HelixAI web: a única origem do navegador (vitrine, painel e console), repassando /api aos robôs e ao master',
    logger,
    bodyLimit: '100kb',
    trustProxy: config.TRUST_PROXY,
    timeouts: httpTimeoutsOf(config),
    readiness: async () => {
      const response = await fetch(new URL('/health', config.MASTER_URL), { signal: AbortSignal.timeout(config.MASTER_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`master /health answered ${response.status}`);
    },
    middleware: [cookieParser(), web],
    errors: { statuses: WEB_ERROR_STATUSES },
    routes: [],
  });
}
