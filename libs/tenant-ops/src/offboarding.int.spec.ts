import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, quoteIdentifier } from '@helix/db';
import { tenantRoleName } from '@helix/provisioning';
import { countRowsAsCatalogueReader, countRowsThroughGateway, databaseExists, roleExists, testMysqlUrl, usersLike } from '@helix/testing';
import { readBackupHeader } from './backup-file';
import { restoreTenant } from './backup-tenant';
import { offboardTenant } from './offboarding';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, createTestOps } from './testing/ops-fixtures';

describe('helix tenants delete (offboarding)', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let root: Awaited<ReturnType<typeof connectOnce>>;
  let dir: string;

  beforeAll(async () => {
    ops = await createTestOps();
    root = await connectOnce(testMysqlUrl());
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-offboard-'));
  });
  afterAll(async () => {
    await root.end();
    await ops.close();
  });

  it('leaves a backup and nothing else: no database, no principal or role, the row marked deleted; the backup brings it back', async () => {
    const { database, principal } = await ops.addTenant('garage_bye');
    await ops.addTenant('garage_stays');
    await root.query(`INSERT INTO ${quoteIdentifier(database)}.cars (brand, model) VALUES ('Ford', 'Ka')`);
    const access = await accessOf(ops.ctx, 'garage_bye');
    expect(await countRowsThroughGateway(access, 'cars')).toBe(1);
    const file = path.join(dir, 'garage_bye.sql');

    expect(await offboardTenant(ops.ctx, 'garage_bye', file)).toEqual({ tenant_key: 'garage_bye', database_name: database, backup: file });
    expect(await databaseExists(database)).toBe(false);
    expect(await usersLike(principal.user)).toEqual([]);
    expect(await roleExists(access.role)).toBe(false);
    // The gateway is shared: the vertical's other tenants are still reached through it.
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_stays'), 'cars')).toBe(0);
    expect(await ops.ctx.registry.find('garage_bye')).toMatchObject({ status: 'deleted' });
    const [[row]] = await root.query<any[]>(
      `SELECT db_password_enc, api_key_hash FROM ${quoteIdentifier(ops.env.MASTER_DB)}.tenants WHERE tenant_key = 'garage_bye'`,
    );
    expect(row).toEqual({ db_password_enc: null, api_key_hash: null });
    expect((await readBackupHeader(file)).tables.cars.rows).toBe(1);

    const back = await restoreTenant(ops.ctx, file);
    expect(back.database_name).toBe(database);
    expect(await ops.ctx.registry.find('garage_bye')).toMatchObject({ status: 'active' });
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_bye'), 'cars')).toBe(1);
    expect(await countRowsAsCatalogueReader(await accessOf(ops.ctx, 'garage_bye'), 'cars')).toBe(1);
  });

  it('drops nothing when the backup cannot be written', async () => {
    const { database } = await ops.addTenant('garage_keep');
    const file = path.join(dir, 'taken.sql');
    await writeFile(file, 'not ours');
    await expect(offboardTenant(ops.ctx, 'garage_keep', file)).rejects.toMatchObject({ code: TenantOpsErrorCode.BACKUP_FILE_EXISTS });
    expect(await databaseExists(database)).toBe(true);
    expect(await ops.ctx.registry.find('garage_keep')).toMatchObject({ status: 'active' });
  });

  it('a rerun after an interruption (row marked, database still there) backs it up and finishes', async () => {
    const { database, principal } = await ops.addTenant('garage_half');
    const tenant = await ops.ctx.registry.find('garage_half');
    await ops.ctx.registry.markDeleted(tenant!.id); // where a crash after the first step would leave it
    const file = path.join(dir, 'garage_half.sql');

    expect((await offboardTenant(ops.ctx, 'garage_half', file)).backup).toBe(file);
    expect(await databaseExists(database)).toBe(false);
    expect(await usersLike(principal.user)).toEqual([]);
    expect(await roleExists(tenantRoleName(principal.user))).toBe(false);
    // Nothing left to do: a further rerun takes no backup and succeeds.
    expect((await offboardTenant(ops.ctx, 'garage_half', path.join(dir, 'again.sql'))).backup).toBeNull();
    expect((await readdir(dir)).filter((f) => f.startsWith('again'))).toEqual([]);
  });
});
