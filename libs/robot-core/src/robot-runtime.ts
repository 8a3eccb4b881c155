import type { RobotConfig } from '@helix/config';
import { createLogger, type Logger } from '@helix/http';
import {
  MasterClient,
  QuotaReservations,
  TenantConnectionManager,
  TenantLogFiles,
  TenantActivity,
  TenantResolver,
  UsageShipper,
} from '@helix/tenant-context';
import { createAiProvider, type AiProvider } from './ai';
import { createRobotThrottling, type RobotThrottling } from './robot-throttling';

/**
 * How long a chat's quota reservation outlives the AI call (LLM_TIMEOUT_MS) to read its context and
 * settle, waits for connections and locks included; one left by a crashed instance lapses after both.
 */
const RESERVATION_MARGIN_MS = 60_000;

/** Everything a robot process holds besides its HTTP app; built once at start, passed down. */
export interface RobotRuntime {
  config: RobotConfig;
  logger: Logger;
  master: MasterClient;
  resolver: TenantResolver;
  connections: TenantConnectionManager;
  activity: TenantActivity;
  throttling: RobotThrottling;
  quota: QuotaReservations;
  shipper: UsageShipper;
  ai: AiProvider;
  clock: () => Date;
  /** Stops shipping (one last attempt), closes connections and log files. */
  close(): Promise<void>;
}

export function createRobotRuntime(
  config: RobotConfig,
  overrides: { ai?: AiProvider; clock?: () => Date; logger?: Logger } = {},
): RobotRuntime {
  const clock = overrides.clock ?? (() => new Date());
  const logFiles = config.LOG_PER_TENANT_DIR ? new TenantLogFiles(config.LOG_PER_TENANT_DIR) : undefined;
  const logger = overrides.logger ?? createLogger(`${config.VERTICAL}-api`, config.LOG_LEVEL, logFiles);
  const master = new MasterClient({ baseUrl: config.MASTER_URL, serviceToken: config.SERVICE_TOKEN, timeoutMs: config.MASTER_TIMEOUT_MS });
  const resolver = new TenantResolver(master, {
    ttlMs: config.TENANT_CACHE_TTL_MS,
    staleMs: config.TENANT_STALE_MS,
    negativeTtlMs: config.TENANT_NEGATIVE_TTL_MS,
    maxEntries: config.TENANT_CACHE_MAX,
  });
  const connections = new TenantConnectionManager({
    maxConnectionsPerServer: config.DB_MAX_CONNECTIONS,
    maxConnectionsPerTenant: config.DB_MAX_CONNECTIONS_PER_TENANT,
    idleTimeoutMs: config.DB_IDLE_TIMEOUT_MS,
    acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    queueLimit: config.DB_QUEUE_LIMIT,
    catalogueReader: config.CATALOGUE_READER === 'on',
  });
  const activity = new TenantActivity();
  const throttling = createRobotThrottling(config, logger);
  const shipper = new UsageShipper({
    master,
    connections,
    intervalMs: config.USAGE_SHIP_INTERVAL_MS,
    batchSize: config.USAGE_BATCH_SIZE,
    logger,
    // The master now counts events the cached resolution does not: refresh it, keep it as fallback.
    onAcknowledged: (tenantKey) => resolver.markOutdated(tenantKey),
    // While a tenant is being frozen for a move, its outbox is left as it is being copied.
    paused: (tenantKey) => activity.isBlocked(tenantKey),
  });
  shipper.start();
  return {
    config,
    logger,
    master,
    resolver,
    connections,
    activity,
    throttling,
    quota: new QuotaReservations({ expiryMs: config.LLM_TIMEOUT_MS + RESERVATION_MARGIN_MS, clock }),
    shipper,
    ai: overrides.ai ?? createAiProvider(config),
    clock,
    async close() {
      await shipper.stop();
      await throttling.close();
      await connections.close();
      await logFiles?.close();
    },
  };
}
