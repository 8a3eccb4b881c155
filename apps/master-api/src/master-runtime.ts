import type { MasterConfig } from '@helix/config';
import { connectToFirstReady, createMasterPool, loadMigrations, migrateDatabase, quoteIdentifier, type Pool } from '@helix/db';
import { warnEvery, type Logger } from '@helix/http';
import { loadTenantTemplates } from '@helix/provisioning';
import { createSharedRateLimiter } from '@helix/rate-limit';
import { AdminServers, registerHomeServer, withOperationLock, type TenantOnboarding } from '@helix/tenant-ops';
import path from 'node:path';
import { createApp, type MasterDeps } from './app';

/** The master database's one series of migrations (infra/master/migrations). */
export const MASTER_SERIES = 'master';

/** A crashed onboarding older than this is rolled back; live ones take well under a second. */
const INTERRUPTED_ONBOARDING_SECONDS = 600;
/**
 * Also while running, not only at start: an onboarding whose activation lost its master node stays
 * `provisioning` (its key taken) until a sweep removes it, and masters may run for months.
 */
const RECOVERY_SWEEP_MS = 5 * 60_000;

/**
 * Everything master-api needs before it listens: its database created and migrated, the tenant
 * templates read, the default plans and first admin in place, interrupted onboardings undone.
 */
export async function prepareMaster(config: MasterConfig, logger: Logger, overrides: Partial<MasterDeps> = {}) {
  const migrator = await connectToFirstReady(config.MASTER_DB_URLS, undefined, true);
  try {
    await migrator.query(
      `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(config.MASTER_DB)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const migrations = await loadMigrations(path.join(config.INFRA_DIR, 'master', 'migrations'), MASTER_SERIES);
    const { applied } = await migrateDatabase(migrator, config.MASTER_DB, { migrations });
    if (applied.length > 0) logger.info({ applied, database: config.MASTER_DB }, 'master database migrated');
  } finally {
    await migrator.end();
  }

  const db = createMasterPool(config.MASTER_DB_URLS, {
    database: config.MASTER_DB,
    connectionLimit: 10,
    onFailover: ({ from, to, error }) =>
      logger.warn({ from, to, code: (error as { code?: unknown }).code }, 'master database node lost: using the next one'),
  });
  // One bounded admin pool per server of the fleet, opened when onboarding first places a tenant there.
  const tenantServers = new AdminServers(config.TENANT_DB_URL, await loadTenantTemplates(config.INFRA_DIR), 4);
  const limits = createSharedRateLimiter({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    onStoreError: warnEvery(logger, 'Redis unreachable: login limits held by this instance alone until it answers'),
  });
  const master = createApp({
    config,
    db,
    logger,
    rateLimiter: limits.limiter,
    tenantServers,
    ...overrides,
  });
  await master.planos.seedDefaultsIfEmpty();
  await registerHomeServer(db, tenantServers.home);
  if (await master.auth.bootstrapAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD)) {
    logger.info({ email: config.ADMIN_EMAIL }, 'first admin created');
  }
  const recover = () => recoverInterruptedOnboardings(db, master.onboarding);
  await recover();
  const sweep = setInterval(
    () => recover().catch((error: unknown) => logger.error({ err: error }, 'onboarding recovery sweep failed')),
    RECOVERY_SWEEP_MS,
  );
  sweep.unref();

  return {
    ...master,
    db,
    async close() {
      clearInterval(sweep);
      await Promise.all([db.end(), tenantServers.close(), limits.close()]);
    },
  };
}

/** One master at a time (a lease row, across Galera nodes); the others skip this round. */
async function recoverInterruptedOnboardings(db: Pool, onboarding: TenantOnboarding): Promise<void> {
  const busy = new Error('recovery running on another master');
  await withOperationLock(
    { master: db },
    'recuperacao_onboarding',
    () => busy,
    () => onboarding.recoverInterrupted(INTERRUPTED_ONBOARDING_SECONDS),
  ).catch((error: unknown) => {
    if (error !== busy) throw error;
  });
}
