import { loadMasterConfig } from '@helix/config';
import { connectOnce, quoteAccount, quoteIdentifier } from '@helix/db';
import { countRowsThroughGateway, roleExists, rootSql, testMysqlUrl, urlAs } from '@helix/testing';
import { migrateTenants, migrationStatus } from './migrate-tenants';
import { createOpsContext } from './ops-context';
import { onboardingFor } from './tenant-onboarding';
import { accessOf, addTemplateMigration, createTestOps, tempInfra } from './testing/ops-fixtures';

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
    const { base, carros, imoveis } = status.latest;
    expect(carros).toBe(newVersion);
    expect(status.versions).toEqual([
      { robo_tipo: 'carros', versions: { base, carros: newVersion - 1 }, tenants: TENANTS },
      { robo_tipo: 'imoveis', versions: { base, imoveis }, tenants: 1 },
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
    expect(first.failed).toEqual([
      { tenant_key: broken, database: `${ops.prefix}carros_${broken}`, error: expect.stringMatching(/Duplicate column name 'destaque'/) },
    ]);

    const status = await migrationStatus(ops.ctx, { robo: 'carros', concurrency: 4 });
    expect(status.behind).toEqual([
      {
        tenant_key: broken,
        robo_tipo: 'carros',
        versions: { base: status.latest.base, carros: newVersion - 1 },
        pending: [{ series: 'carros', version: newVersion }],
      },
    ]);

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

describe('helix migrate gives tenants made before roles their access', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  const keys = ['antiga_um', 'antiga_dois', 'nova'];

  beforeAll(async () => {
    ops = await createTestOps();
    for (const key of keys) await ops.addTenant(key);
  }, 60_000);
  afterAll(() => ops.close());

  it('recreates a dropped role and the gateway holding it, changes nothing on a rerun, and leaves it to real runs', async () => {
    const before = await accessOf(ops.ctx, 'antiga_um');
    // What onboarding left before roles: the tenants' users and grants, no role, no gateway.
    for (const key of ['antiga_um', 'antiga_dois']) await rootSql(`DROP ROLE ${quoteIdentifier((await accessOf(ops.ctx, key)).role)}`);
    await rootSql(`DROP USER ${quoteAccount(before.gateway.user, '%')}`);
    await expect(countRowsThroughGateway(before, 'cars')).rejects.toMatchObject({
      code: expect.stringMatching(/^ER_ACCESS_DENIED_(NO_PASSWORD_)?ERROR$/),
    });

    expect(await migrateTenants(ops.ctx, { concurrency: 2, dryRun: true })).toMatchObject({ total: 3, failed: [] });
    expect(await roleExists(before.role)).toBe(false);

    for (let run = 1; run <= 2; run++) {
      expect(await migrateTenants(ops.ctx, { concurrency: 2 })).toEqual({
        dry_run: false,
        total: 3,
        migrated: 0,
        up_to_date: 3,
        failed: [],
      });
      for (const key of keys) expect(await countRowsThroughGateway(await accessOf(ops.ctx, key), 'cars')).toBe(0);
    }
  });

  it('records a tenant whose access another admin account cannot grant, serves the others, and a rerun after the fix completes', async () => {
    // The role of `nova` was made by the test's root; a second admin account (as a CLI run from
    // elsewhere might use) holds no ADMIN OPTION on it, so MariaDB refuses to grant it.
    const admin = { user: `${ops.prefix}adm`, password: 'senha-admin-123' };
    await rootSql(`CREATE USER ${quoteAccount(admin.user, '%')} IDENTIFIED BY ?`, [admin.password]);
    await rootSql(`GRANT ALL PRIVILEGES ON *.* TO ${quoteAccount(admin.user, '%')} WITH GRANT OPTION`);
    const other = await createOpsContext(loadMasterConfig({ ...ops.env, TENANT_DB_URL: urlAs(admin) }), 2);
    try {
      await onboardingFor(other).onboard({ tenant_key: 'feita_por_outro', nome: 'Outro', robo_tipo: 'carros' });
      const nova = await accessOf(ops.ctx, 'nova');

      const first = await migrateTenants(other, { concurrency: 2 });
      expect(first).toMatchObject({ total: 4, up_to_date: 1 });
      expect(first.failed.map((f) => f.tenant_key).sort()).toEqual(['antiga_dois', 'antiga_um', 'nova']);
      expect(first.failed.every((f) => /^acesso \(papel, gateway e leitor da vitrine\): Access denied/.test(f.error))).toBe(true);
      expect(await countRowsThroughGateway(nova, 'cars')).toBe(0);

      for (const key of keys) {
        await rootSql(
          `GRANT ${quoteIdentifier((await accessOf(ops.ctx, key)).role)} TO ${quoteAccount(admin.user, '%')} WITH ADMIN OPTION`,
        );
      }
      expect(await migrateTenants(other, { concurrency: 2 })).toEqual({ dry_run: false, total: 4, migrated: 0, up_to_date: 4, failed: [] });
      for (const key of [...keys, 'feita_por_outro']) expect(await countRowsThroughGateway(await accessOf(other, key), 'cars')).toBe(0);
    } finally {
      await other.close();
    }
  });
});
