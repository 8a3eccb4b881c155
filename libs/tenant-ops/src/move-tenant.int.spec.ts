import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMysqlUrl, quoteIdentifier, startPrivateServer, type PrivateServer } from '@helix/db';
import { tenantRoleName } from '@helix/provisioning';
import { countRowsAsCatalogueReader, countRowsThroughGateway, databaseExists, roleExists, rootSql, usersLike } from '@helix/testing';
import { moveTenant } from './move-tenant';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, createTestOps } from './testing/ops-fixtures';

// Robots and the writes they refuse during a move are covered by apps/carros-api/src/move.int.spec.ts;
// here no robot is configured, and what is checked is what the move does to accounts and roles.
describe('helix move: the tenant role goes with the tenant', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let second: PrivateServer;
  let secondDir: string;
  const target = () => parseMysqlUrl(second.url);
  const onTarget = (sql: string, params: unknown[] = []) => rootSql<unknown[]>(sql, params, undefined, second.url);

  beforeAll(async () => {
    secondDir = await mkdtemp(path.join(os.tmpdir(), 'helix-move-roles-'));
    second = await startPrivateServer(path.join(secondDir, 'server'));
    ops = await createTestOps(undefined, 4, { ROBOT_URLS: '' });
    const { database } = await ops.addTenant('garage_vai');
    await ops.addTenant('garage_fica');
    await rootSql(`INSERT INTO ${quoteIdentifier(database)}.cars (brand, model) VALUES ('Fiat', 'Uno')`);
  }, 120_000);
  afterAll(async () => {
    await ops?.close();
    await second?.stop();
    if (secondDir) await rm(secondDir, { recursive: true, force: true });
  });

  it("creates the role on the target, held by that server's gateway, and drops it from the source", async () => {
    const before = await accessOf(ops.ctx, 'garage_vai');
    const { db_user: user } = await ops.ctx.registry.require('garage_vai');

    const report = await moveTenant(ops.ctx, 'garage_vai', { to: target() });

    expect(report).toMatchObject({ para: `127.0.0.1:${target().port}`, copia_antiga_removida: true, avisos: [] });
    const after = await accessOf(ops.ctx, 'garage_vai');
    expect(after.role).toBe(before.role);
    expect(after.gateway.user).toBe(before.gateway.user);
    expect(await countRowsThroughGateway(after, 'cars', second.url)).toBe(1);
    // The gateway's password is the target's own: the source's opens nothing there.
    await expect(countRowsThroughGateway(before, 'cars', second.url)).rejects.toMatchObject({
      code: expect.stringMatching(/^ER_ACCESS_DENIED_(NO_PASSWORD_)?ERROR$/),
    });

    // The target's storefront reader reads its catalogue; the source's keeps no grant on the dropped copy.
    expect(await countRowsAsCatalogueReader(after, 'cars', second.url)).toBe(1);
    expect(
      await rootSql('SELECT Table_name FROM mysql.tables_priv WHERE User = ? AND Db = ?', [before.catalogueReader.role, before.database]),
    ).toEqual([]);

    expect(await databaseExists(before.database)).toBe(false);
    expect(await usersLike(user)).toEqual([]);
    expect(await roleExists(before.role)).toBe(false);
    // The source's gateway stays for the tenants still there.
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_fica'), 'cars')).toBe(0);
  }, 60_000);

  it("refuses a target holding a role of the tenant's name, and leaves that role and the tenant where they are", async () => {
    const staying = await accessOf(ops.ctx, 'garage_fica');
    await onTarget(`CREATE ROLE ${quoteIdentifier(staying.role)}`);
    try {
      await expect(moveTenant(ops.ctx, 'garage_fica', { to: target() })).rejects.toMatchObject({
        code: TenantOpsErrorCode.PRINCIPAL_EXISTS,
        message: expect.stringContaining(staying.role),
      });
      expect(await roleExists(staying.role, second.url)).toBe(true);
      expect(await onTarget('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [staying.database])).toEqual([]);
      expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_fica'), 'cars')).toBe(0);
    } finally {
      await onTarget(`DROP ROLE IF EXISTS ${quoteIdentifier(staying.role)}`);
    }
  }, 60_000);

  it('a failure after the principal step leaves neither user nor role on the target, and the tenant served from its source', async () => {
    const staying = await accessOf(ops.ctx, 'garage_fica');
    const { db_user: user } = await ops.ctx.registry.require('garage_fica');
    let createdOnTarget = false;

    await expect(
      moveTenant(ops.ctx, 'garage_fica', {
        to: target(),
        faults: async (step) => {
          if (step !== 'principal') return;
          createdOnTarget = await roleExists(tenantRoleName(user), second.url);
          throw new Error('queda de energia');
        },
      }),
    ).rejects.toMatchObject({ code: TenantOpsErrorCode.MOVE_FAILED, details: { etapa: 'principal' } });

    expect(createdOnTarget).toBe(true);
    expect(await onTarget('SELECT user FROM mysql.user WHERE user IN (?, ?)', [user, staying.role])).toEqual([]);
    expect(await onTarget('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [staying.database])).toEqual([]);
    expect(await accessOf(ops.ctx, 'garage_fica')).toEqual(staying);
    expect(await countRowsThroughGateway(staying, 'cars')).toBe(0);
  }, 60_000);
});
