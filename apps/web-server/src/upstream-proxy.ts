import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { Transform, pipeline } from 'node:stream';
import type { DomainError } from '@helix/contracts';
import type { NextFunction, Request, Response } from 'express';
import { webErrors } from './web.errors';

/** Per-connection headers (RFC 9110 §7.6.1): never passed on, in either direction. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];
/**
 * What a browser may not tell a robot or the master: credentials (they come from our cookies
 * only), the tenant (it comes from the Host), the client's address (we state it) and Expect.
 */
const FROM_BROWSER_DROPPED = new Set([
  ...HOP_BY_HOP,
  'host',
  'authorization',
  'cookie',
  'x-tenant-key',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'expect',
]);
/** Upstreams set no cookies in the browser: the web service alone owns them. */
const FROM_UPSTREAM_DROPPED = new Set([...HOP_BY_HOP, 'set-cookie']);

const keepAlive = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Headers a `Connection` header names are hop-by-hop too. */
function withoutHeaders(headers: IncomingHttpHeaders, dropped: ReadonlySet<string>): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !dropped.has(name) && !named.includes(name)));
}

/** Counts the body as it streams and fails once it passes `maxBytes` (chunked bodies have no length to check up front). */
class BodyLimit extends Transform {
  private seen = 0;
  exceeded = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      this.exceeded = true;
      done(new Error('request body over the limit'));
    } else done(null, chunk);
  }
}

/** JSON answers a session route rewrites are read whole, up to this. */
const MAX_REWRITTEN_BYTES = 1_000_000;

export interface ForwardOptions {
  /** `http://host:port` of the robot instance or the master. */
  origin: string;
  /** Path and query on the upstream, exactly as the browser sent them after `/api`. */
  path: string;
  /** Set on top of the browser's own (credentials, tenant). */
  headers: OutgoingHttpHeaders;
  /** The upstream may stay silent this long (connecting, or between bytes) before it counts as unavailable. */
  timeoutMs: number;
  maxBodyBytes: number;
  unavailable: () => DomainError;
  /** Reads the JSON answer whole and sends what this returns instead (session routes: the token becomes a cookie). */
  rewriteJson?: (status: number, body: unknown) => unknown;
}

/**
 * Passes one request to an upstream and its answer back, both bodies streamed (uploads are not
 * held in memory), headers filtered both ways, the visitor's address stated in X-Forwarded-For.
 * An upstream that cannot be reached or stays silent is `unavailable` (before any answer byte).
 */
export function forward(req: Request, res: Response, next: NextFunction, options: ForwardOptions): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.maxBodyBytes) return next(webErrors.payloadTooLarge());

  const target = new URL(options.origin);
  const secure = target.protocol === 'https:';
  let failed = false;
  const limit = new BodyLimit(options.maxBodyBytes);
  const fail = () => {
    if (failed) return;
    failed = true;
    upstream.destroy();
    if (res.headersSent) res.destroy();
    else next(limit.exceeded ? webErrors.payloadTooLarge() : options.unavailable());
  };

  let upstream: http.ClientRequest;
  try {
    upstream = openUpstream();
  } catch {
    // A header value or path node will not send (it parsed them, but is stricter going out).
    return next(options.unavailable());
  }
  upstream.on('timeout', () => upstream.destroy(new Error(`upstream silent for ${options.timeoutMs} ms`)));
  upstream.on('error', fail);
  upstream.on('response', (answer) => (options.rewriteJson ? rewrite(answer, res, options.rewriteJson, fail) : relay(answer, res, fail)));
  // The browser went away: so does our request upstream.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  pipeline(req, limit, upstream, (error) => {
    if (error) fail();
  });

  function openUpstream() {
    return (secure ? https : http).request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: `${target.pathname.replace(/\/$/, '')}${options.path}`,
      agent: secure ? keepAlive.https : keepAlive.http,
      timeout: options.timeoutMs,
      headers: {
        ...withoutHeaders(req.headers, FROM_BROWSER_DROPPED),
        'x-forwarded-for': req.ip ?? req.socket.remoteAddress ?? '',
        'x-forwarded-proto': req.protocol,
        'x-forwarded-host': req.headers.host ?? '',
        ...(options.rewriteJson ? { 'accept-encoding': 'identity' } : {}),
        ...options.headers,
      },
    });
  }
}

function copyHeaders(answer: IncomingMessage, res: Response): void {
  for (const [name, value] of Object.entries(withoutHeaders(answer.headers, FROM_UPSTREAM_DROPPED))) {
    if (value !== undefined) res.setHeader(name, value);
  }
}

function relay(answer: IncomingMessage, res: Response, fail: () => void): void {
  res.status(answer.statusCode ?? 502);
  copyHeaders(answer, res);
  pipeline(answer, res, (error) => {
    if (error) fail();
  });
}

function rewrite(answer: IncomingMessage, res: Response, rewriteJson: NonNullable<ForwardOptions['rewriteJson']>, fail: () => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  answer.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REWRITTEN_BYTES) answer.destroy(new Error('session answer too large'));
    else chunks.push(chunk);
  });
  answer.on('error', fail);
  answer.on('end', () => {
    const status = answer.statusCode ?? 502;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    } catch {
      return fail();
    }
    copyHeaders(answer, res);
    res.removeHeader('content-length');
    const rewritten = rewriteJson(status, body);
    if (status === 204 || rewritten === undefined) res.status(status).end();
    else res.status(status).json(rewritten);
  });
}
