import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TIMEOUT_MS = 15_000;

export interface CallOptions {
  token?: string;
  tenantKey?: string;
  body?: unknown;
  /** A file sent as multipart `field` (the robots' photo upload). */
  file?: { field: string; path: string; type: string };
}

/**
 * One call to a platform service over its public HTTP API, as any client makes it: a non-2xx answer
 * becomes an Error naming the call and the service's own `{error: {code, message}}`.
 */
export async function callService<T>(baseUrl: string, method: string, route: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.tenantKey) headers['X-Tenant-Key'] = options.tenantKey;
  let body: string | FormData | undefined;
  if (options.file) {
    body = new FormData();
    const bytes = await readFile(options.file.path);
    body.append(options.file.field, new Blob([bytes], { type: options.file.type }), path.basename(options.file.path));
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${route}`, { method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(
    (error: Error) => {
      throw new Error(`${method} ${baseUrl}${route}: sem resposta (${error.message})`);
    },
  );
  const text = await response.text();
  const payload = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new Error(`${method} ${route}: ${response.status} ${error?.code ?? ''} ${error?.message ?? text.slice(0, 200)}`.trim());
  }
  return payload as T;
}
