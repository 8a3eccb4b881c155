import path from 'node:path';
import { connectOnce, createPool, loadMigrations, migrateDatabase, newLeaseHolder, takeLease, type RowDataPacket } from '@helix/db';
import { eventually, testMysqlUrl } from '@helix/testing';
import { createOpsContext, type OpsContext } from './ops-context';
import { OPERATION_LEASES_TABLE, withOperationLock } from './operation-lock';
import { createTestOps } from './testing/ops-fixtures';
import { onboardingFor } from './tenant-onboarding';
import { TenantOpsErrorCode } from './tenant-ops.error';

/** Two masters on one registry (on a cluster: on two nodes), each with its own pool. */
describe('operations of two masters', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let other: OpsContext;
  const busy = () => new Error('ocupado');

  const leaseRows = async (name: string) =>
    (await ops.ctx.master.query<RowDataPacket[]>(`SELECT holder FROM ${OPERATION_LEASES_TABLE} WHERE name = ?`, [name]))[0];
  const expired = async (name: string) =>
    (
      await ops.ctx.master.query<RowDataPacket[]>(
        `SELECT expires_at < UTC_TIMESTAMP(3) AS expired FROM ${OPERATION_LEASES_TABLE} WHERE name = ?`,
        [name],
      )
    )[0][0]?.expired === 1;

  beforeAll(async () => {
    ops = await createTestOps();
    other = await createOpsContext(ops.config);
  });
  afterAll(async () => {
    await other.close();
    await ops.close();
  });

  it('lets exactly one of many runs of one operation on either master work; the others are told at once it is busy', async () => {
    const masters = [ops.ctx, other];
    const contenders = 6;
    let running = 0;
    let most = 0;
    let refused = 0;
    let allRefused!: () => void;
    const othersDone = new Promise<void>((resolve) => (allRefused = resolve));
    const runs = Array.from({ length: contenders }, (_, i) =>
      withOperationLock(masters[i % 2], 'helix_move_1', busy, async () => {
        most = Math.max(most, ++running);
        // Held until every other run has been refused (or long enough that a second winner would show).
        await Promise.race([othersDone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        running--;
        return 'feito';
      }).catch((error: Error) => {
        if (++refused === contenders - 1) allRefused();
        return error.message;
      }),
    );
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o === 'feito')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'ocupado')).toHaveLength(contenders - 1);
    expect(most).toBe(1);
    // Released when it ended: the other master takes it at once.
    expect(await leaseRows('helix_move_1')).toEqual([]);
    await expect(withOperationLock(other, 'helix_move_1', busy, async () => 'de novo')).resolves.toBe('de novo');
  });

  it('runs different operations side by side', async () => {
    const both = await withOperationLock(ops.ctx, 'helix_move_2', busy, () =>
      withOperationLock(other, 'helix_move_3', busy, async () => 'ambas'),
    );
    expect(both).toBe('ambas');
  });

  it('frees the operation of a master that died holding it once its lease expires', async () => {
    // What a master that died leaves: a row nobody renews (a short lease here; 30 s in use), its connections gone.
    const dead = createPool(testMysqlUrl(), { database: ops.config.MASTER_DB, connectionLimit: 1 });
    expect(await takeLease(dead, { table: OPERATION_LEASES_TABLE, name: 'helix_gateway_rotate', seconds: 2 }, newLeaseHolder())).toBe(true);
    await dead.end();

    const attempt = () => withOperationLock(other, 'helix_gateway_rotate', busy, async () => 'assumida');
    if (!(await expired('helix_gateway_rotate'))) await expect(attempt()).rejects.toThrow('ocupado');
    await eventually(() => expired('helix_gateway_rotate'), 10_000, 'the dead master’s lease expired');
    await expect(attempt()).resolves.toBe('assumida');
    expect(await leaseRows('helix_gateway_rotate')).toEqual([]);
  });

  it('onboards one tenant when both masters are asked for the same key at once: the unique key decides', async () => {
    const outcomes = await Promise.all(
      [ops.ctx, other, ops.ctx, other].map((ctx) =>
        onboardingFor(ctx)
          .onboard({ tenant_key: 'disputada', nome: 'Disputada', robo_tipo: 'carros' })
          .then(
            () => 'criada',
            (error: { code?: string }) => error.code,
          ),
      ),
    );
    expect(outcomes.sort()).toEqual([...Array(3).fill(TenantOpsErrorCode.TENANT_KEY_TAKEN), 'criada']);
    const [tenants] = await ops.ctx.master.query<RowDataPacket[]>("SELECT status FROM tenants WHERE tenant_key = 'disputada'");
    expect(tenants).toEqual([{ status: 'active' }]);
  }, 30_000);

  it('migrates a new master database once when two masters start at once: the second waits, then finds it done', async () => {
    const database = `${ops.prefix}master_b`;
    const migrations = await loadMigrations(path.resolve(__dirname, '../../../infra/master/migrations'), 'master');
    const starting = await Promise.all([connectOnce(testMysqlUrl(), undefined, true), connectOnce(testMysqlUrl(), undefined, true)]);
    try {
      await starting[0].query(`CREATE DATABASE \`${database}\``);
      const results = await Promise.all(starting.map((connection) => migrateDatabase(connection, database, { migrations })));
      expect(results.map((r) => r.applied.length).sort((a, b) => a - b)).toEqual([0, migrations.length]);
      const [recorded] = await starting[0].query<RowDataPacket[]>(
        `SELECT version FROM \`${database}\`._schema_migrations ORDER BY version`,
      );
      expect(recorded.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    } finally {
      await Promise.all(starting.map((connection) => connection.end()));
    }
  }, 60_000);
});
