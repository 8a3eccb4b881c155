import { vi } from 'vitest';

/** A request the page made to `/api`, as the stub saw it. */
export interface ApiCall {
  method: string;
  /** Path after `/api`, without the query: `/veiculos`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface StubAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Route = StubAnswer | ((call: ApiCall) => StubAnswer | Promise<StubAnswer>);

/**
 * Replaces `fetch` for one test with answers by `'METHOD /path'` (`'GET /veiculos'`, `'GET /veiculos/:id'`
 * matches any id). An unexpected request fails the test loudly with a 599. Returns every call made.
 */
export function stubApi(routes: Record<string, Route>): ApiCall[] {
  const calls: ApiCall[] = [];
  const entries = Object.entries(routes).map(([key, route]) => {
    const [method, pattern] = key.split(' ');
    const regex = new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`);
    return { method, regex, route };
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://garage-alpha.localhost:3003');
      const method = (init.method ?? 'GET').toUpperCase();
      const call: ApiCall = {
        method,
        path: url.pathname.replace(/^\/api/, ''),
        query: url.searchParams,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      const match = entries.find((entry) => entry.method === method && entry.regex.test(call.path));
      if (!match) return json({ status: 599, body: { error: { code: 'UNSTUBBED', message: `${method} ${call.path} sem stub` } } });
      return json(typeof match.route === 'function' ? await match.route(call) : match.route);
    }),
  );
  return calls;
}

function json({ status = 200, body, headers = {} }: StubAnswer): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export const apiError = (status: number, code: string, message = code, extra: Partial<StubAnswer> = {}): StubAnswer => ({
  status,
  body: { error: { code, message } },
  ...extra,
});

export const XSS = '<img src=x onerror=alert(1)>';
