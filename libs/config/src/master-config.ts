import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_BILLING_TIMEZONE, ROBOT_VERTICALS, WEB_SERVICE_NAME } from '@helix/contracts';
import {
  ConfigError,
  httpServerEnv,
  loginLimitsEnv,
  namedTokens,
  parseEnv,
  port,
  robotInstances,
  sharedStateEnv,
  smtpEnv,
  sqlNamePrefix,
  trustProxy,
  webBaseUrl,
} from './env';
import { robotServiceName, verticalOfService } from './robot-config';

/** `mysql://a:3306,mysql://b:3306`: addresses of one database, in the order they are tried (empty: none). */
const mysqlUrls = z.string().transform((raw, ctx) => {
  const urls = raw
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (urls.length === 0) return undefined;
  if (urls.some((url) => !z.url({ protocol: /^(mysql|mariadb)$/ }).safeParse(url).success)) {
    ctx.addIssue({ code: 'custom', message: 'use endereços mysql://usuario:senha@host:porta separados por vírgula' });
    return z.NEVER;
  }
  return urls;
});

/** Unset or empty means "not configured". */
const optionalSecret = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

const masterEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MASTER_PORT: port(3000),
  MYSQL_URL: z.string().url().default('mysql://root@127.0.0.1:3306'),
  /**
   * The master database's nodes (a Galera cluster): master-api and the CLI use one and move to the
   * next when it is lost. Unset: MYSQL_URL alone.
   */
  MASTER_DB_URLS: mysqlUrls.optional(),
  /** Server where new tenant databases are created (needs CREATE USER and GRANT); defaults to MYSQL_URL. */
  TENANT_DB_URL: z.string().url().optional(),
  MASTER_DB: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .default('helix_master'),
  TENANT_DB_PREFIX: sqlNamePrefix,
  TENANT_DB_USER_HOST: z
    .string()
    .regex(/^[a-zA-Z0-9.%_:-]{1,255}$/)
    .default('%'),
  MYSQL_DATA_DIR: z.string().default('.data/mysql'),
  INFRA_DIR: z.string().default(path.resolve(process.cwd(), 'infra')),
  JWT_SECRET: z.string().min(16),
  JWT_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  TENANT_SECRET_KEY: z.string().min(16),
  ADMIN_EMAIL: z.string().email().default('admin@helix.local'),
  ADMIN_PASSWORD: z.string().min(8),
  /**
   * `carros-api=token,imoveis-api=token,web=token`: each robot's token, which resolves and meters only
   * its own vertical's tenants, and the web service's, which only reads stores' public facts.
   */
  SERVICE_TOKENS: namedTokens.refine(
    (tokens) => [...tokens.values()].every((name) => verticalOfService(name) !== undefined || name === WEB_SERVICE_NAME),
    {
      message: `cada token deve ser de um robô (${ROBOT_VERTICALS.map(robotServiceName).join(', ')}) ou do serviço ${WEB_SERVICE_NAME}`,
    },
  ),
  /**
   * Every robot instance (`service=url`), told by `helix move` to re-read a tenant; each is called
   * with its own service token from SERVICE_TOKENS. A move refuses to start if one does not answer.
   */
  ROBOT_URLS: robotInstances.prefault('carros-api=http://127.0.0.1:3001,imoveis-api=http://127.0.0.1:3002'),
  /** A full usage batch from a robot (1,000 events) is about 180 kB of JSON. */
  BODY_LIMIT: z.string().default('256kb'),
  ...loginLimitsEnv,
  /** The onboarding answer carries the store owner's invite link, on the store's web address. */
  WEB_BASE_URL: webBaseUrl,
  /** Optional: the owner's invite link is also e-mailed (SMTP_URL unset: only in the answer). */
  ...smtpEnv,
  ...sharedStateEnv,
  ...httpServerEnv,
  BILLING_TIMEZONE: z.string().default(DEFAULT_BILLING_TIMEZONE),
  TRUST_PROXY: trustProxy,
  RESOLVE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** Mercado Pago: without an access token subscriptions are still created and the checkout is skipped. */
  MERCADOPAGO_ACCESS_TOKEN: optionalSecret,
  /** Secret of the webhook signature (x-signature); without it every notification is refused. */
  MERCADOPAGO_WEBHOOK_SECRET: optionalSecret,
  MERCADOPAGO_BASE_URL: z.string().url().default('https://api.mercadopago.com'),
  /** Where Mercado Pago sends the payer back after the checkout. */
  MERCADOPAGO_BACK_URL: z.string().url().default('https://helix.local/assinatura/retorno'),
  /** A notification signed longer ago (or further ahead) than this is refused as stale. */
  MERCADOPAGO_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** A usage event whose `at` is further ahead than this (clock skew allowance) is refused. */
  USAGE_MAX_FUTURE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
});

export type MasterConfig = z.infer<typeof masterEnvSchema> & { TENANT_DB_URL: string; MASTER_DB_URLS: string[] };

export function loadMasterConfig(env: NodeJS.ProcessEnv = process.env): MasterConfig {
  const config = parseEnv(masterEnvSchema, env, ['JWT_SECRET', 'TENANT_SECRET_KEY', 'ADMIN_PASSWORD', 'SERVICE_TOKENS']);
  if (config.NODE_ENV === 'production' && config.MERCADOPAGO_ACCESS_TOKEN && !config.MERCADOPAGO_WEBHOOK_SECRET) {
    // Charging without being able to verify Mercado Pago's notifications would leave payments unapplied.
    throw new ConfigError(['MERCADOPAGO_WEBHOOK_SECRET é obrigatório em produção quando MERCADOPAGO_ACCESS_TOKEN está definido']);
  }
  return {
    ...config,
    TENANT_DB_URL: config.TENANT_DB_URL ?? config.MYSQL_URL,
    MASTER_DB_URLS: config.MASTER_DB_URLS ?? [config.MYSQL_URL],
  };
}

/** The config pointed at the MySQL server actually in use (the embedded default may replace MYSQL_URL). */
export function withMysqlUrl(config: MasterConfig, url: string, env: NodeJS.ProcessEnv = process.env): MasterConfig {
  return {
    ...config,
    MYSQL_URL: url,
    TENANT_DB_URL: env.TENANT_DB_URL ?? url,
    MASTER_DB_URLS: env.MASTER_DB_URLS ? config.MASTER_DB_URLS : [url],
  };
}
