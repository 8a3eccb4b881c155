import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMasterConfig, type MasterConfig } from '@helix/config';
import type { RobotVertical } from '@helix/contracts';
import { connectOnce, loadMigrations, migrateDatabase, quoteIdentifier } from '@helix/db';
import { tenantAccess, tenantUserName, type TemplateSeries } from '@helix/provisioning';
import { dropScope, testMysqlUrl, uniquePrefix, type SpawnedMaster } from '@helix/testing';
import { createOpsContext, type OpsContext } from '../ops-context';
import { onboardingFor } from '../tenant-onboarding';

const REPO_INFRA = path.resolve(__dirname, '../../../../infra');

/** A copy of infra/ whose tenant templates a test can extend with later migrations. */
export async function tempInfra(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-infra-'));
  await cp(REPO_INFRA, dir, { recursive: true });
  return dir;
}

/** Adds the next migration of a template series, `base` or a vertical's (numbered after whatever the repository has); returns its version. */
export async function addTemplateMigration(infraDir: string, series: TemplateSeries, name: string, sql: string): Promise<number> {
  const dir = path.join(infraDir, 'tenant', series);
  const version = (await readdir(dir)).filter((f) => f.endsWith('.sql')).length + 1;
  await writeFile(path.join(dir, `${String(version).padStart(4, '0')}_${name}.sql`), sql);
  return version;
}

/**
 * A master DB of the test's own (migrated as master-api does) and an OpsContext on it, with
 * the environment a CLI run would get. Tenants are created by the shared onboarding.
 */
export async function createTestOps(infraDir = REPO_INFRA, adminConnections = 8, extraEnv: Record<string, string> = {}) {
  const prefix = uniquePrefix();
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MYSQL_URL: testMysqlUrl(),
    MASTER_DB: `${prefix}master`,
    TENANT_DB_PREFIX: prefix,
    INFRA_DIR: infraDir,
    ...extraEnv,
  };
  const root = await connectOnce(testMysqlUrl(), undefined, true);
  try {
    await root.query(`CREATE DATABASE ${quoteIdentifier(env.MASTER_DB)}`);
    // The series named as master-api names it.
    await migrateDatabase(root, env.MASTER_DB, { migrations: await loadMigrations(path.join(REPO_INFRA, 'master/migrations'), 'master') });
  } finally {
    await root.end();
  }
  const config: MasterConfig = loadMasterConfig(env);
  const ops = {
    prefix,
    env,
    config,
    ctx: await createOpsContext(config, adminConnections),
    addTenant: (tenantKey: string, robo: RobotVertical = 'carros') => addTenant(ops.ctx, tenantKey, robo),
    /** A new context re-reads the templates, as the next CLI run would. */
    async reopen() {
      await ops.ctx.close();
      ops.ctx = await createOpsContext(config, adminConnections);
    },
    async close() {
      await ops.ctx.close();
      await dropScope(prefix);
    },
  };
  return ops;
}

/** Created through the shared onboarding, as `helix tenants create` does. */
async function addTenant(ctx: OpsContext, tenantKey: string, robo: RobotVertical) {
  const { database_name: database } = await onboardingFor(ctx).onboard({ tenant_key: tenantKey, nome: tenantKey, robo_tipo: robo });
  return { database, principal: { user: tenantUserName(ctx.prefix, database) } };
}

/** The tenant's role and gateway as the master hands them to robots, for the server its row names now (and its gateway's generation there). */
export async function accessOf(ctx: OpsContext, tenantKey: string) {
  const tenant = await ctx.registry.require(tenantKey);
  return { database: tenant.database_name, ...tenantAccess(ctx.secretBox, tenant) };
}

/**
 * What `helix` runs with, on a spawned master's databases: `robotUrls` (ROBOT_URLS) are the robot
 * instances its moves ask, each with the spawned master's token for its service.
 */
export function opsContextFor(master: Pick<SpawnedMaster, 'masterDb' | 'prefix' | 'serviceTokens'>, robotUrls = '', adminConnections = 2) {
  const config = loadMasterConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MYSQL_URL: testMysqlUrl(),
    MASTER_DB: master.masterDb,
    TENANT_DB_PREFIX: master.prefix,
    SERVICE_TOKENS: `carros-api=${master.serviceTokens.carros},imoveis-api=${master.serviceTokens.imoveis}`,
    ROBOT_URLS: robotUrls,
  });
  return createOpsContext(config, adminConnections);
}
