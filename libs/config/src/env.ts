import { z } from 'zod';

/** Raised at start when the environment cannot run the service; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuração inválida:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Secrets every service may carry, with the development default each falls back to.
 * In production a missing secret or one still equal to its default refuses the start.
 */
export const DEV_SECRETS = {
  JWT_SECRET: 'dev-jwt-secret-not-for-production',
  TENANT_SECRET_KEY: 'dev-tenant-secret-key-not-for-production',
  ADMIN_PASSWORD: 'helix-admin-dev',
  /** Robots sign their visitors' and staff's session tokens with it (HS256); every instance of a robot shares it. */
  SESSION_SECRET: 'dev-robot-session-secret-not-for-production',
  SERVICE_TOKENS: 'carros-api=dev-carros-token,imoveis-api=dev-imoveis-token,web=dev-web-token',
  SERVICE_TOKEN: 'dev-carros-token', // robots and the web service override it with their own (robot-config.ts, web-config.ts)
} as const;

export type SecretName = keyof typeof DEV_SECRETS;

export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  secrets: readonly SecretName[],
  /** Development defaults that differ per service (e.g. each robot's own service token). */
  devSecrets: Partial<Record<SecretName, string>> = {},
): z.infer<S> {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const withDefaults: Record<string, string | undefined> = { ...env };
  for (const name of secrets) {
    const value = env[name];
    const devDefault = devSecrets[name] ?? DEV_SECRETS[name];
    if (production && (!value || value === devDefault || value === DEV_SECRETS[name])) {
      problems.push(`${name} é obrigatório em produção e não pode usar o valor padrão de desenvolvimento`);
    }
    if (!value) withDefaults[name] = devDefault;
  }
  const parsed = schema.safeParse(withDefaults);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data as z.infer<S>;
}

/** Failed logins, per client address and per address + e-mail, in a window: the master's admins and the stores' staff alike. */
export const loginLimitsEnv = {
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
};

/** Where the web service answers (`http://localhost:3003`): stores are its subdomains, so links sent to people (invites) start here. */
export const webBaseUrl = z.string().url().default('http://localhost:3003');

/**
 * Optional e-mail of invite links (store owners at onboarding, staff invited from the panel). Unset
 * SMTP_URL: no mail, the link is only in the answer. Empty (as compose passes an unset variable) counts as unset.
 */
export const smtpEnv = {
  SMTP_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^smtps?$/, error: 'use smtp://usuario:senha@host:587 (ou smtps://…)' }).optional(),
  ),
  SMTP_FROM: z.string().min(3).default('VendeAI <nao-responda@vendeai.com>'),
  /** A send gives up after this: the invite is answered (with its link) either way. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** "a=x, b=y" → [["a", "x"], ["b", "y"]], split at each pair's first '=' (values may contain '='); null if a pair has none. */
function namedPairs(raw: string): [name: string, value: string][] | null {
  const pairs: [string, string][] = [];
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 0) return null;
    pairs.push([pair.slice(0, at), pair.slice(at + 1)]);
  }
  return pairs;
}

/** "a=x,b=y" → Map token → name; used for service tokens so each robot has its own revocable token. */
export const namedTokens = z.string().transform((raw, ctx) => {
  const pairs = namedPairs(raw);
  if (!pairs || pairs.some(([name, token]) => !name || token.length < 12)) {
    ctx.addIssue({ code: 'custom', message: 'use o formato nome=token (token com 12+ caracteres), separados por vírgula' });
    return z.NEVER;
  }
  return new Map(pairs.map(([name, token]) => [token, name]));
});

export interface RobotInstance {
  service: string;
  url: string;
}

/** "carros-api=http://a:3001,carros-api=http://b:3001" → every robot instance operations must reach. */
export const robotInstances = z.string().transform((raw, ctx) => {
  const pairs = namedPairs(raw);
  if (
    !pairs ||
    pairs.some(([service, url]) => !/^[a-z][a-z0-9-]{0,63}$/.test(service) || !z.url({ protocol: /^https?$/ }).safeParse(url).success)
  ) {
    ctx.addIssue({ code: 'custom', message: 'use o formato serviço=http://host:porta, separados por vírgula' });
    return z.NEVER;
  }
  return pairs.map(([service, url]) => ({ service, url: url.replace(/\/+$/, '') }));
});

/** `vendeai.com,localhost`: a subdomain of one of these names a tenant (robots and the web service read hosts alike). */
export const baseDomains = z
  .string()
  .default('vendeai.com,localhost')
  .transform((raw) =>
    raw
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'domínio inválido')).min(1));

/** Identifiers that reach SQL names: a prefix keeps parallel test runs (or stacks) apart. */
export const sqlNamePrefix = z
  .string()
  .regex(/^([a-z][a-z0-9_]{0,11})?$/, 'apenas a-z, 0-9 e _, até 12 caracteres, começando por letra')
  .default('');

/**
 * Where the state that every instance must share lives (rate and login limits). Unset: each
 * process keeps its own, right for one instance of each service. Empty (as compose passes an
 * unset variable) counts as unset.
 */
export const sharedStateEnv = {
  REDIS_URL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: /^rediss?$/, error: 'use redis://host:porta (ou rediss://)' }).optional(),
  ),
  /** Every Redis key starts with it: deployments (and test runs) sharing one Redis stay apart. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('helix:'),
};

/**
 * Express 'trust proxy' (`false`, `true`, a hop count or addresses): set it behind a load balancer,
 * so rate and login limits see the client's address rather than the balancer's.
 */
export const trustProxy = z
  .string()
  .default('false')
  .transform((value): boolean | number | string =>
    value === 'true' || value === 'false' ? value === 'true' : /^\d+$/.test(value) ? Number(value) : value,
  );

/** How long a client may take to send a request (headers, then the whole body) and keep an idle connection open. */
export const httpServerEnv = {
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
};

/** The server timeouts of a service's configuration, as createHttpApp takes them. */
export const httpTimeoutsOf = (config: {
  HTTP_HEADERS_TIMEOUT_MS: number;
  HTTP_REQUEST_TIMEOUT_MS: number;
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
}) => ({
  headersMs: config.HTTP_HEADERS_TIMEOUT_MS,
  requestMs: config.HTTP_REQUEST_TIMEOUT_MS,
  keepAliveMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
});
