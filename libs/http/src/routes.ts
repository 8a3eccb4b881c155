import type { Express, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { parseInput } from './validation';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type SecurityScheme = 'adminJwt' | 'serviceToken' | 'tenantApiKey' | 'visitorSession' | 'staffSession';

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/**
 * One route as data: its path, guard, input schemas and one call into a service. The same object
 * registers the Express handler and writes the OpenAPI entry, so the document cannot drift.
 */
export interface RouteSpec<P extends Schema | undefined = any, Q extends Schema | undefined = any, B extends Schema | undefined = any> {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  security?: SecurityScheme;
  guards?: RequestHandler[];
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful answer; 204 sends no body. */
  status?: number;
  /** Error statuses worth documenting, with what they mean. */
  errors?: Record<number, string>;
  /** Raw responses (metrics text, documents) write to `res` themselves and return undefined. */
  handle(input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>): unknown;
}

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

/** `jsonBody` parses the body of the routes that declare one, after their guards. */
export function mountRoutes(app: Express, routes: readonly RouteSpec[], jsonBody: RequestHandler): void {
  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      const input = {
        params: route.params ? parseInput(route.params, req.params, 'params') : undefined,
        query: route.query ? parseInput(route.query, req.query, 'query') : undefined,
        body: route.body ? parseInput(route.body, req.body, 'body') : undefined,
        req,
        res,
      };
      const result = await route.handle(input as RouteInput<never, never, never>);
      if (res.headersSent) return;
      const status = route.status ?? 200;
      if (status === 204) res.status(204).end();
      else res.status(status).json(result);
    };
    app[route.method](route.path, ...(route.guards ?? []), ...(route.body ? [jsonBody] : []), handler);
  }
}

/** What Express actually has registered, as `METHOD /path` — compared with the OpenAPI document in tests. */
export function listRegisteredRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
    )
    .sort();
}
