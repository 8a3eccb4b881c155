import { z } from 'zod';
import type { RouteSpec } from './routes';

const SECURITY_SCHEMES = {
  adminJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token de POST /auth/login' },
  serviceToken: { type: 'http', scheme: 'bearer', description: 'Token de serviço (robôs → master)' },
  tenantApiKey: { type: 'http', scheme: 'bearer', description: 'Chave de API do cliente' },
  visitorSession: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Sessão de visitante da loja (POST /visitante/sessao)',
  },
  staffSession: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Sessão da equipe da loja (POST /equipe/login)' },
} as const;

/** `GET /veiculos/:id/fotos` → `getVeiculosIdFotos`: unique, since method and path are. */
const operationId = (method: string, path: string) =>
  method +
  path
    .split(/[/:_-]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');

const toJsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** `/tenants/:key` → `/tenants/{key}` */
export const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toJsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

export function buildOpenApiDocument(info: { title: string; version: string; description?: string }, routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const status = String(route.status ?? 200);
    const responses: Record<string, { description: string }> = {
      [status]: { description: status === '204' ? 'Sem conteúdo' : 'Sucesso' },
    };
    if (route.body || route.query || route.params) responses['400'] = { description: 'Entrada inválida' };
    for (const [code, description] of Object.entries(route.errors ?? {})) responses[code] = { description };
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      tags: [route.tag],
      // Stated on every operation, public ones included, so a generated client knows what to send.
      security: route.security ? [{ [route.security]: [] }] : [],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(route.body) } } } } : {}),
      responses,
    };
  }
  const used = new Set(routes.flatMap((route) => (route.security ? [route.security] : [])));
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'Proprietária (HelixAI)', identifier: 'LicenseRef-HelixAI' } },
    // The document describes the service that serves it: paths are relative to its own origin.
    servers: [{ url: '/', description: 'Este serviço' }],
    components: {
      securitySchemes: Object.fromEntries(
        Object.entries(SECURITY_SCHEMES).filter(([name]) => used.has(name as keyof typeof SECURITY_SCHEMES)),
      ),
    },
    paths,
  };
}

/** Every operation of a document as `METHOD /express/:path`, to compare with the registered routes. */
export function listDocumentedRoutes(document: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    )
    .sort();
}
