import path from 'node:path';
import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { z } from 'zod';
import { baseDomains, httpServerEnv, parseEnv, port, robotInstances, sharedStateEnv, trustProxy } from './env';
import { robotServiceName, verticalOfService } from './robot-config';

/** Matches the master's development SERVICE_TOKENS (`web=dev-web-token`). */
const DEV_WEB_SERVICE_TOKEN = 'dev-web-token';

const milliseconds = (fallback: number, max = 86_400_000) => z.coerce.number().int().min(0).max(max).default(fallback);

const webEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_PORT: port(3003),
  MASTER_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** The web service's own token, named `web` in the master's SERVICE_TOKENS: it reads stores' public facts only. */
  SERVICE_TOKEN: z.string().min(12),
  MASTER_TIMEOUT_MS: milliseconds(2_000, 60_000),
  /** Every robot instance (`carros-api=http://…`, a service repeated for more instances): each store's API calls go round-robin to its vertical's. */
  ROBOT_URLS: robotInstances
    .prefault('carros-api=http://127.0.0.1:3001,imoveis-api=http://127.0.0.1:3002')
    .refine((instances) => instances.every(({ service }) => verticalOfService(service) !== undefined), {
      message: `cada instância deve ser de um robô: ${ROBOT_VERTICALS.map(robotServiceName).join(', ')}`,
    }),
  /** How long a robot (or, on the admin host, the master) may stay silent on a forwarded request before it counts as unavailable. */
  UPSTREAM_TIMEOUT_MS: milliseconds(30_000, 600_000),
  BASE_DOMAINS: baseDomains,
  /** The SPA build (`npx vite build` in apps/web). */
  WEB_DIST_DIR: z
    .string()
    .default('dist/apps/web')
    .transform((dir) => path.resolve(process.cwd(), dir)),
  /** A store's public facts are kept this long (a suspension shows within it); "not found" for the shorter negative TTL. */
  LOJA_CACHE_TTL_MS: milliseconds(5_000),
  LOJA_NEGATIVE_TTL_MS: milliseconds(2_000),
  /** While the master is down, known stores keep being served from an answer this old at most. */
  LOJA_STALE_MS: milliseconds(600_000),
  LOJA_CACHE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Master lookups a minute for stores this instance does not know, per client address / overall (as on the robots). */
  UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(60),
  UNKNOWN_TENANT_LOOKUPS: z.coerce.number().int().min(1).max(10_000_000).default(6_000),
  /** `Secure` session cookies; unset: on in production (behind TLS), off elsewhere (http://…localhost). */
  COOKIE_SECURE: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['true', 'false']).optional()),
  ...sharedStateEnv,
  ...httpServerEnv,
  TRUST_PROXY: trustProxy,
});

export type WebConfig = Omit<z.infer<typeof webEnvSchema>, 'COOKIE_SECURE'> & {
  COOKIE_SECURE: boolean;
  /** ROBOT_URLS by vertical: the instances a store's API calls go to. */
  ROBOTS: Record<RobotVertical, string[]>;
};

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const config = parseEnv(webEnvSchema, env, ['SERVICE_TOKEN'], { SERVICE_TOKEN: DEV_WEB_SERVICE_TOKEN });
  const robots = Object.fromEntries(
    ROBOT_VERTICALS.map((vertical) => [
      vertical,
      config.ROBOT_URLS.filter(({ service }) => verticalOfService(service) === vertical).map(({ url }) => url),
    ]),
  ) as Record<RobotVertical, string[]>;
  const cookieSecure = config.COOKIE_SECURE === undefined ? config.NODE_ENV === 'production' : config.COOKIE_SECURE === 'true';
  return { ...config, COOKIE_SECURE: cookieSecure, ROBOTS: robots };
}
