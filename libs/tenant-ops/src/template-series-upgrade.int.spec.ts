import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, latestVersions, migrationRef, quoteIdentifier, type MigrationRef, type RowDataPacket } from '@helix/db';
import type { RobotVertical } from '@helix/contracts';
import { CARROS_TENANT_TABLES, countRowsThroughGateway, testMysqlUrl } from '@helix/testing';
import { backupTenant, restoreTenant } from './backup-tenant';
import { migrateTenants, migrationStatus, type TenantMigrationOutcome } from './migrate-tenants';
import { accessOf, addTemplateMigration, createTestOps, tempInfra } from './testing/ops-fixtures';
import { SEED_LAYOUT } from './testing/seed-layout';
import { buildSingleSeriesImport, buildSingleSeriesTenant } from './testing/single-series-tenants';

const base = (version: number): MigrationRef => ({ series: 'base', version });
const own = (series: RobotVertical, version: number): MigrationRef => ({ series, version });
/** Base versions after `from`, up to `to`: what a tenant at base `from` lacks. */
const baseAfter = (from: number, to: number): MigrationRef[] => Array.from({ length: to - from }, (_, i) => base(from + i + 1));

/**
 * Tenant databases made while each vertical's template was one series (versions 1..3, recorded
 * with those files' checksums), by onboarding and `helix migrate` or by `helix import-legacy`,
 * registered like any tenant; beside them, tenants made from the base and vertical series.
 */
describe('tenant databases made before the base series', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let root: Awaited<ReturnType<typeof connectOnce>>;
  let infra: string;
  let backupFile: string;
  const database = new Map<string, string>();
  /** The repository's latest base version: the base series grew past the single-series era (3). */
  let latestBase: number;
  const OLD: { key: string; robo: RobotVertical; upTo: number; imported?: true }[] = [
    { key: 'antiga_v1', robo: 'carros', upTo: 1 },
    { key: 'antiga_v2', robo: 'carros', upTo: 2 },
    { key: 'antiga_v3', robo: 'carros', upTo: 3 },
    { key: 'importada', robo: 'carros', upTo: 3, imported: true },
    { key: 'imob_antiga', robo: 'imoveis', upTo: 3 },
  ];

  type Recorded = RowDataPacket & MigrationRef & { name: string; checksum: string; applied_at: Date };
  /** The bookkeeping's rows (no series on a table from before series), by time. */
  const bookkeeping = async (key: string) =>
    (
      await root.query<Recorded[]>(`SELECT * FROM ${quoteIdentifier(database.get(key)!)}._schema_migrations ORDER BY applied_at, version`)
    )[0];
  const hasSeriesColumn = async (key: string) =>
    (
      await root.query<RowDataPacket[]>(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = ? AND table_name = '_schema_migrations' AND column_name = 'series'",
        [database.get(key)],
      )
    )[0].length > 0;
  /** SHOW CREATE TABLE of every table but the bookkeeping, without AUTO_INCREMENT counters. */
  async function tableDefinitions(key: string): Promise<Record<string, string>> {
    const [tables] = await root.query<RowDataPacket[]>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_name <> '_schema_migrations' ORDER BY 1",
      [database.get(key)],
    );
    const definitions: Record<string, string> = {};
    for (const { name } of tables) {
      const [[row]] = await root.query<RowDataPacket[]>(`SHOW CREATE TABLE ${quoteIdentifier(database.get(key)!)}.\`${name}\``);
      definitions[name] = row['Create Table'].replace(/ AUTO_INCREMENT=\d+/, '');
    }
    return definitions;
  }

  beforeAll(async () => {
    infra = await tempInfra();
    ops = await createTestOps(infra);
    latestBase = latestVersions(ops.ctx.templates.carros.migrations).base;
    root = await connectOnce(testMysqlUrl(), undefined, true);
    for (const tenant of [...OLD, { key: 'nova', robo: 'carros' as const }, { key: 'imob_nova', robo: 'imoveis' as const }]) {
      database.set(tenant.key, (await ops.addTenant(tenant.key, tenant.robo)).database);
    }
    // Registered, with role and grants; the database itself replaced by what that era left.
    for (const { key, robo, upTo, imported } of OLD) {
      await root.query(`DROP DATABASE ${quoteIdentifier(database.get(key)!)}`);
      if (imported) await buildSingleSeriesImport(root, database.get(key)!, robo, SEED_LAYOUT, upTo);
      else await buildSingleSeriesTenant(root, database.get(key)!, robo, upTo);
    }
  }, 120_000);
  afterAll(async () => {
    await root.end();
    await ops.close();
  });

  it('migrate status and a dry run read them at the versions they became, leaving their bookkeeping as it was', async () => {
    const status = await migrationStatus(ops.ctx, { concurrency: 4 });
    expect(status).toMatchObject({ latest: { base: latestBase, carros: 2, imoveis: 2 }, total: 7, up_to_date: 2, failed: [] });
    expect(status.versions).toEqual([
      { robo_tipo: 'carros', versions: { base: 1, carros: 1 }, tenants: 1 },
      { robo_tipo: 'carros', versions: { base: 2, carros: 2 }, tenants: 1 },
      { robo_tipo: 'carros', versions: { base: 3, carros: 2 }, tenants: 2 },
      { robo_tipo: 'carros', versions: { base: latestBase, carros: 2 }, tenants: 1 },
      { robo_tipo: 'imoveis', versions: { base: 3, imoveis: 2 }, tenants: 1 },
      { robo_tipo: 'imoveis', versions: { base: latestBase, imoveis: 2 }, tenants: 1 },
    ]);
    const atBase3 = (tenant_key: string, robo_tipo: RobotVertical) => ({
      tenant_key,
      robo_tipo,
      versions: { base: 3, [robo_tipo]: 2 },
      pending: baseAfter(3, latestBase),
    });
    expect(status.behind.sort((a, b) => a.tenant_key.localeCompare(b.tenant_key))).toEqual([
      {
        tenant_key: 'antiga_v1',
        robo_tipo: 'carros',
        versions: { base: 1, carros: 1 },
        pending: [...baseAfter(1, latestBase), own('carros', 2)],
      },
      { tenant_key: 'antiga_v2', robo_tipo: 'carros', versions: { base: 2, carros: 2 }, pending: baseAfter(2, latestBase) },
      atBase3('antiga_v3', 'carros'),
      atBase3('imob_antiga', 'imoveis'),
      atBase3('importada', 'carros'),
    ]);
    expect(await migrateTenants(ops.ctx, { concurrency: 4, dryRun: true })).toMatchObject({
      total: 7,
      migrated: 5,
      up_to_date: 2,
      failed: [],
    });
    for (const { key } of OLD) expect(await hasSeriesColumn(key)).toBe(false);
  });

  it('a backup of one records its versions per series', async () => {
    backupFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'helix-series-')), 'importada.sql');
    expect(await backupTenant(ops.ctx, 'importada', backupFile)).toMatchObject({ schema_version: { base: 3, carros: 2 } });
  });

  it('helix migrate labels what they recorded, runs only what they lacked, and keeps when the rest ran', async () => {
    const before = new Map(await Promise.all(OLD.map(async ({ key }) => [key, await bookkeeping(key)] as const)));
    const outcomes = new Map<string, TenantMigrationOutcome>();
    const report = await migrateTenants(ops.ctx, { concurrency: 4, onTenant: (o) => outcomes.set(o.tenant_key, o) });
    expect(report).toEqual({ dry_run: false, total: 7, migrated: 5, up_to_date: 2, failed: [] });
    expect(outcomes.get('antiga_v1')).toMatchObject({
      from: { base: 1, carros: 1 },
      to: { base: latestBase, carros: 2 },
      applied: [...baseAfter(1, latestBase), own('carros', 2)],
    });
    expect(outcomes.get('antiga_v2')).toMatchObject({ from: { base: 2, carros: 2 }, applied: baseAfter(2, latestBase) });
    // What the single series had is not run again: only the base versions that came after it.
    for (const key of ['antiga_v3', 'importada', 'imob_antiga']) expect(outcomes.get(key)?.applied).toEqual(baseAfter(3, latestBase));

    for (const { key, robo } of OLD) {
      const rows = await bookkeeping(key);
      const template = ops.ctx.templates[robo].migrations;
      const recorded = (ref: MigrationRef) => rows.find((r) => r.series === ref.series && r.version === ref.version);
      expect(rows).toHaveLength(template.length);
      for (const migration of template) expect(recorded(migration)).toMatchObject({ name: migration.name, checksum: migration.checksum });
      // What the single series recorded as version N became base N (and the vertical's N): same time.
      for (const old of before.get(key)!) expect(recorded(base(old.version))?.applied_at).toEqual(old.applied_at);
    }
  });

  it('leaves each with the same tables as a tenant made from the two series', async () => {
    const carros = await tableDefinitions('nova');
    expect(Object.keys(carros).sort()).toEqual(CARROS_TENANT_TABLES.filter((table) => table !== '_schema_migrations'));
    for (const key of ['antiga_v1', 'antiga_v2', 'antiga_v3']) expect(await tableDefinitions(key)).toEqual(carros);
    expect(await tableDefinitions('imob_antiga')).toEqual(await tableDefinitions('imob_nova'));
  });

  it('applies later migrations of either series to every tenant, old or new, and restores a backup taken before the upgrade', async () => {
    await addTemplateMigration(infra, 'base', 'apelido', 'ALTER TABLE customers ADD COLUMN apelido VARCHAR(60) NULL;');
    await addTemplateMigration(infra, 'carros', 'destaque', 'ALTER TABLE cars ADD COLUMN destaque TINYINT(1) NOT NULL DEFAULT 0;');
    await ops.reopen();
    const outcomes = new Map<string, TenantMigrationOutcome>();
    expect(await migrateTenants(ops.ctx, { concurrency: 4, onTenant: (o) => outcomes.set(o.tenant_key, o) })).toMatchObject({
      total: 7,
      migrated: 7,
      failed: [],
    });
    for (const [key, outcome] of outcomes) {
      const added = base(latestBase + 1);
      expect(outcome.applied).toEqual(key.startsWith('imob') ? [added] : [added, own('carros', 3)]);
    }

    const restored = await restoreTenant(ops.ctx, backupFile, 'restaurada');
    expect(restored.schema_version).toEqual(latestVersions(ops.ctx.templates.carros.migrations));
    expect(restored.schema_version).toEqual({ base: latestBase + 1, carros: 3 });
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'restaurada'), 'cars')).toBe(2);
    database.set('restaurada', restored.database_name);
    expect(
      (await bookkeeping('restaurada')).map(migrationRef).sort((a, b) => a.series.localeCompare(b.series) || a.version - b.version),
    ).toEqual([...baseAfter(0, latestBase + 1), own('carros', 1), own('carros', 2), own('carros', 3)]);
  });
});
