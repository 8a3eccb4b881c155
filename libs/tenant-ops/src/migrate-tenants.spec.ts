import { connectOnce, quoteIdentifier } from '@helix/db';
import { testMysqlUrl } from '@helix/testing';
import { migrateTenants, migrationStatus } from './migrate-tenants';
import { addTemplateMigration, createTestOps, tempInfra } from './testing/ops-fixtures';

const ADD_DESTAQUE = 'ALTER TABLE cars ADD COLUMN destaque TINYINT(1) NOT NULL DEFAULT 0, ADD INDEX idx_destaque (destaque);';
const TENANTS = 50;

describe('helix migrate across tenants', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let root: Awaited<ReturnType<typeof connectOnce>>;
  const key = (i: number) => `loja_${String(i).padStart(2, '0')}`;
  const broken = key(17);
  let newVersion: number;

  beforeAll(async () => {
    // Tenants are created at version 1; the template then gains 0002, as after a deploy.
    const infra = await tempInfra();
    ops = await createTestOps(infra);
    root = await connectOnce(testMysqlUrl());
    for (let i = 0; i < TENANTS; i++) await ops.addTenant(key(i));
    await ops.addTenant('imob_um', 'imoveis');
    newVersion = await addTemplateMigration(infra, 'carros', 'destaque', ADD_DESTAQUE);
    await ops.reopen();
    // The broken tenant already has the column by hand, so its ALTER fails.
    await root.query(`ALTER TABLE ${quoteIdentifier(`${ops.prefix}carros_${broken}`)}.cars ADD COLUMN destaque INT`);
  }, 120_000);
  afterAll(async () => {
    await root.end();
    await ops.close();
  });

  it('status shows every carros tenant one version behind before migrating', async () => {
    const status = await migrationStatus(ops.ctx, { concurrency: 4 });
    expect(status.latest.carros).toBe(newVersion);
    expect(status.versions).toEqual([
      { robo_tipo: 'carros', version: newVersion - 1, tenants: TENANTS },
      { robo_tipo: 'imoveis', version: status.latest.imoveis, tenants: 1 },
    ]);
    expect(status.behind).toHaveLength(TENANTS);
    expect(status.up_to_date).toBe(1);
  });

  it('a dry run reports what would run and changes nothing', async () => {
    const report = await migrateTenants(ops.ctx, { robo: 'carros', concurrency: 4, dryRun: true });
    expect(report).toMatchObject({ dry_run: true, total: TENANTS, migrated: TENANTS, failed: [] });
    expect((await migrationStatus(ops.ctx, { robo: 'carros', concurrency: 4 })).behind).toHaveLength(TENANTS);
  });

  it('migrates every tenant but the broken one, names its error, and a rerun after fixing it completes', async () => {
    const seen: string[] = [];
    const first = await migrateTenants(ops.ctx, { robo: 'carros', concurrency: 6, onTenant: (o) => seen.push(o.tenant_key) });
    expect(seen).toHaveLength(TENANTS);
    expect(first).toMatchObject({ total: TENANTS, migrated: TENANTS - 1, up_to_date: 0 });
    expect(first.failed).toEqual([{ tenant_key: broken, database: `${ops.prefix}carros_${broken}`, error: expect.stringMatching(/Duplicate column name 'destaque'/) }]);

    const status = await migrationStatus(ops.ctx, { robo: 'carros', concurrency: 4 });
    expect(status.behind).toEqual([{ tenant_key: broken, robo_tipo: 'carros', version: newVersion - 1, pending: [newVersion] }]);

    await root.query(`ALTER TABLE ${quoteIdentifier(`${ops.prefix}carros_${broken}`)}.cars DROP COLUMN destaque`);
    const rerun = await migrateTenants(ops.ctx, { robo: 'carros', concurrency: 6 });
    expect(rerun).toMatchObject({ total: TENANTS, migrated: 1, up_to_date: TENANTS - 1, failed: [] });
    const [index] = await root.query<any[]>(
      `SELECT COUNT(*) AS n FROM information_schema.statistics WHERE table_schema LIKE ? AND table_name = 'cars' AND index_name = 'idx_destaque'`,
      [`${ops.prefix.replace(/_/g, '\\_')}carros\\_%`],
    );
    expect(Number(index[0].n)).toBe(TENANTS);
  });

  it('reports a tenant whose database is missing instead of stopping', async () => {
    await root.query(`DROP DATABASE ${quoteIdentifier(`${ops.prefix}carros_${key(3)}`)}`);
    const report = await migrateTenants(ops.ctx, { tenantKey: key(3), concurrency: 2 });
    expect(report.failed).toEqual([expect.objectContaining({ tenant_key: key(3), error: expect.stringMatching(/Unknown database/) })]);
    const status = await migrationStatus(ops.ctx, { robo: 'carros', concurrency: 4 });
    expect(status.failed).toEqual([expect.objectContaining({ tenant_key: key(3), error: expect.stringMatching(/does not exist/) })]);
    expect(status.up_to_date).toBe(TENANTS - 1);
  });
});

