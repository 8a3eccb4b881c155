import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { webErrors } from './web.errors';

/** The pages' policy: the SPA's own scripts and styles only, images also from https: (stores' logos and photos), no framing. */
export const PAGE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'https:', 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

/** Vite names every built asset by its content's hash: a name never changes content, so it may be cached for good. */
const HASHED_ASSETS_DIR = `${path.sep}assets${path.sep}`;

/** The SPA build (WEB_DIST_DIR): its files, and index.html for every page route (the SPA routes in the browser). */
export function spaPages(distDir: string) {
  const pageHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
    // As frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
  });
  const files = express.static(distDir, {
    index: false,
    redirect: false,
    cacheControl: false,
    setHeaders: (res, file) =>
      res.setHeader('Cache-Control', file.includes(HASHED_ASSETS_DIR) ? 'public, max-age=31536000, immutable' : 'public, max-age=300'),
  });
  const indexFile = path.join(distDir, 'index.html');

  return {
    /** Security headers of an HTML page, then a built file if the path names one. */
    files: ((req, res, next) => pageHeaders(req, res, () => files(req, res, next))) as RequestHandler,
    /** index.html with `status` (404 for a store that does not exist: the SPA says so), never cached. */
    async index(res: Response, status: number): Promise<void> {
      const html = await readFile(indexFile).catch(() => {
        throw webErrors.appNotBuilt();
      });
      res.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
    },
  };
}
