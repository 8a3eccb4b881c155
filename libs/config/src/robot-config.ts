import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { z } from 'zod';
import { baseDomains, httpServerEnv, loginLimitsEnv, parseEnv, port, sharedStateEnv, smtpEnv, trustProxy, webBaseUrl } from './env';

/** The name a robot's token carries in the master's SERVICE_TOKENS (`carros-api`): it limits the token to that vertical's tenants. */
export const robotServiceName = (vertical: RobotVertical) => `${vertical}-api`;

/** The vertical whose robot a service name stands for; undefined for any other name. */
export const verticalOfService = (service: string | undefined): RobotVertical | undefined =>
  ROBOT_VERTICALS.find((vertical) => robotServiceName(vertical) === service);

const DEFAULT_PORTS: Record<RobotVertical, number> = { carros: 3001, imoveis: 3002 };
/** Each robot has its own revocable token; these match the master's development SERVICE_TOKENS. */
const DEV_SERVICE_TOKENS: Record<RobotVertical, string> = { carros: 'dev-carros-token', imoveis: 'dev-imoveis-token' };

const milliseconds = (fallback: number, max = 86_400_000) => z.coerce.number().int().min(0).max(max).default(fallback);

/** Compose passes unset variables as empty strings: treat those as absent. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const robotEnvSchema = (vertical: RobotVertical) =>
  z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Optional: also write each tenant's log lines to `<dir>/tenant_<key>.log`. */
    LOG_PER_TENANT_DIR: unsetIfEmpty(z.string().min(1)),
    PORT: port(DEFAULT_PORTS[vertical]),
    MASTER_URL: z.string().url().default('http://127.0.0.1:3000'),
    SERVICE_TOKEN: z.string().min(12),
    /** Signs visitor and staff sessions (JWT, HS256): the same on every instance of this robot. */
    SESSION_SECRET: z.string().min(32),
    MASTER_TIMEOUT_MS: milliseconds(2_000, 60_000),
    BASE_DOMAINS: baseDomains,
    /** Connections this instance may hold per MySQL server, whatever the number of tenants on it. */
    DB_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000).default(20),
    /** Connections one tenant may hold per MySQL server while another tenant waits; unset: max(2, DB_MAX_CONNECTIONS / 4). */
    DB_MAX_CONNECTIONS_PER_TENANT: unsetIfEmpty(z.coerce.number().int().min(1).max(1_000)),
    DB_IDLE_TIMEOUT_MS: milliseconds(60_000),
    DB_ACQUIRE_TIMEOUT_MS: milliseconds(5_000, 120_000),
    DB_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(2_000),
    /** `off`: public catalogue reads take the tenant's own role even where the master names the vertical's catalogue reader. */
    CATALOGUE_READER: z.enum(['on', 'off']).default('on'),
    TENANT_CACHE_TTL_MS: milliseconds(5_000),
    TENANT_STALE_MS: milliseconds(600_000),
    TENANT_NEGATIVE_TTL_MS: milliseconds(2_000),
    TENANT_CACHE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
    USAGE_SHIP_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(1_000),
    USAGE_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(500),
    LLM_BASE_URL: unsetIfEmpty(z.string().url()),
    LLM_API_KEY: unsetIfEmpty(z.string().min(1)),
    LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
    LLM_TIMEOUT_MS: milliseconds(20_000, 300_000),
    /** `max_tokens` of each AI call: the answer's share of what a chat reserves against the plan's tokens. */
    LLM_MAX_TOKENS: z.coerce.number().int().min(1).max(100_000).default(512),
    BODY_LIMIT: z.string().default('100kb'),
    /** How long shared caches may keep a public catalogue answer (0: not at all). */
    CATALOGUE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(15),
    ...sharedStateEnv,
    ...httpServerEnv,
    /** Lookups of tenants this instance does not know that may reach the master, per minute: per client address, and overall. */
    UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(60),
    UNKNOWN_TENANT_LOOKUPS: z.coerce.number().int().min(1).max(10_000_000).default(6_000),
    /**
     * Store visitors (storefront chat and bookings), so that one visitor cannot spend the store's plan:
     * messages and bookings per visitor session (a minute's rate and a burst) and per client address
     * (per minute), new visitor sessions per client address (per hour). The address is req.ip: behind
     * the web service, TRUST_PROXY must name it so its X-Forwarded-For is believed.
     */
    VISITOR_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    VISITOR_MESSAGES_BURST: z.coerce.number().int().min(1).max(10_000).default(5),
    VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(30),
    VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(20),
    /** Store staff logins (POST /equipe/login): limited as the master's admins'. */
    ...loginLimitsEnv,
    /** Where stores open in the browser: staff invite links are `<store origin>/painel/convite#…`. */
    WEB_BASE_URL: webBaseUrl,
    /** Optional: staff invite links are also e-mailed (SMTP_URL unset: only in the answer). */
    ...smtpEnv,
    /** Photos uploaded by store staff: `<UPLOAD_DIR>/<tenant_key>/<random>.<ext>`; shared by every instance of the robot. */
    UPLOAD_DIR: z.string().min(1).default('.data/uploads'),
    /** How often the tenants refused most (rate limits) are logged. */
    THROTTLE_REPORT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
    TRUST_PROXY: trustProxy,
  });

export type RobotConfig = z.infer<ReturnType<typeof robotEnvSchema>> & { VERTICAL: RobotVertical };

export function loadRobotConfig(vertical: RobotVertical, env: NodeJS.ProcessEnv = process.env): RobotConfig {
  const config = parseEnv(robotEnvSchema(vertical), env, ['SERVICE_TOKEN', 'SESSION_SECRET'], {
    SERVICE_TOKEN: DEV_SERVICE_TOKENS[vertical],
  });
  return { ...config, VERTICAL: vertical };
}
