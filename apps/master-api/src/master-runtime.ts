import type { MasterConfig } from '@helix/config';
import { connectOnce, createPool, loadMigrations, migrateDatabase, parseMysqlUrl, quoteIdentifier } from '@helix/db';
import { warnEvery, type Logger } from '@helix/http';
import { loadTenantTemplates, TenantDatabaseAdmin } from '@helix/provisioning';
import { createSharedRateLimiter } from '@helix/rate-limit';
import path from 'node:path';
import { createApp, type MasterDeps } from './app';

/** The master database's one series of migrations (infra/master/migrations). */
export const MASTER_SERIES = 'master';

/** A crashed onboarding older than this is rolled back at start; live ones take well under a second. */
const INTERRUPTED_ONBOARDING_SECONDS = 600;

/**
 * Everything master-api needs before it listens: its database created and migrated, the tenant
 * templates read, the default plans and first admin in place, interrupted onboardings undone.
 */
export async function prepareMaster(config: MasterConfig, logger: Logger, overrides: Partial<MasterDeps> = {}) {
  const migrator = await connectOnce(config.MYSQL_URL, undefined, true);
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

  const db = createPool(config.MYSQL_URL, { database: config.MASTER_DB, connectionLimit: 10 });
  const tenantServerUrl = parseMysqlUrl(config.TENANT_DB_URL);
  const admin = new TenantDatabaseAdmin(
    createPool(config.TENANT_DB_URL, { connectionLimit: 4, multipleStatements: true }),
    await loadTenantTemplates(config.INFRA_DIR),
  );
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
    tenantServer: { admin, host: tenantServerUrl.host, port: tenantServerUrl.port },
    ...overrides,
  });
  await master.planos.seedDefaultsIfEmpty();
  if (await master.auth.bootstrapAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD)) {
    logger.info({ email: config.ADMIN_EMAIL }, 'first admin created');
  }
  await master.onboarding.recoverInterrupted(INTERRUPTED_ONBOARDING_SECONDS);

  return {
    ...master,
    db,
    async close() {
      await Promise.all([db.end(), admin.close(), limits.close()]);
    },
  };
}
