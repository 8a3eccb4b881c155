import type { Request } from 'express';
import { webErrors } from './web.errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF: a request that changes something must come from a page of this very origin (scheme and
 * Host), which browsers state in `Origin` on every such request; SameSite=Strict cookies are the
 * second line.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  const own = `${req.protocol}://${req.headers.host ?? ''}`.toLowerCase();
  if (typeof origin !== 'string' || origin.toLowerCase() !== own) throw webErrors.origemInvalida();
}
