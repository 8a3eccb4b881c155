import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, quoteIdentifier } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { countRowsAsCatalogueReader, databaseExists, testMysqlUrl, usersLike } from '@helix/testing';
import mysql from 'mysql2/promise';
import { readBackupHeader } from './backup-file';
import { findDumpProgram } from './dump-tool';
import { backupTenant, restoreTenant } from './backup-tenant';
import { tableChecksums } from './table-checksums';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, createTestOps } from './testing/ops-fixtures';

// The installed dump program when there is one (the normal path), and always the built-in dumper.
const program = findDumpProgram();
const DUMPERS = [...(program ? [program] : []), 'builtin'];

describe('helix backup and restore', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let root: Awaited<ReturnType<typeof connectOnce>>;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    ops = await createTestOps();
    root = await connectOnce(testMysqlUrl(), undefined, true);
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-backup-'));
    source = (await ops.addTenant('garage_alpha')).database;
    await root.query(`USE ${quoteIdentifier(source)}`);
    await root.query(`SET time_zone = '-03:00'`);
    await root.query(
      `INSERT INTO cars (brand, model, year, price, description, created_at) VALUES
         ('Fiat', 'Uno; Mille', 2010, 15999.90, 'dono único\\nrevisado, "impecável" -- ok; it''s fine', '2024-03-10 23:30:00'),
         ('Citroën', 'C4 😀', NULL, NULL, NULL, '2024-01-01 00:00:00')`,
    );
    await root.query(`INSERT INTO customers (phone, name, notes) VALUES ('5511999990000', 'Zoë D''Ávila', 'backslash \\\\ e tab \\t')`);
    await root.query(`INSERT INTO conversations (customer_id, status, last_interaction) VALUES (1, 'negociando', '2024-05-05 12:00:00')`);
    await root.query(
      `INSERT INTO car_images (car_id, url, ordem, is_principal) VALUES (1, 'https://x/1.jpg', 1, 1), (2, 'https://x/2.jpg', 0, 0)`,
    );
  });
  afterAll(async () => {
    await root.end();
    await ops.close();
  });

  it.each(DUMPERS)('round trip with %s restores identical content, checked table by table', async (dumper) => {
    const file = path.join(dir, `alpha-${path.basename(dumper)}.sql`);
    const header = await backupTenant(ops.ctx, 'garage_alpha', file, dumper);
    expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    expect(header).toMatchObject({ tenant_key: 'garage_alpha', robo_tipo: 'carros', dumper: path.basename(dumper) });
    expect(header.tables.cars.rows).toBe(2);
    expect(await readBackupHeader(file)).toEqual(header);

    const copyKey = `garage_copy_${dumper === 'builtin' ? 'b' : 'm'}`;
    const restored = await restoreTenant(ops.ctx, file, copyKey);
    expect(restored).toMatchObject({ tenant_key: copyKey, database_name: tenantDatabaseName(ops.prefix, 'carros', copyKey) });

    const original = await tableChecksums(root, source);
    expect(await tableChecksums(root, restored.database_name)).toEqual(original);
    expect(original).toEqual(header.tables);

    // The copy is a tenant of its own: active, with a principal that reads only its database.
    const row = await ops.ctx.registry.find(copyKey);
    expect(row?.status).toBe('active');
    const [[secret]] = await root.query<any[]>(
      `SELECT db_password_enc FROM ${quoteIdentifier(ops.env.MASTER_DB)}.tenants WHERE tenant_key = ?`,
      [copyKey],
    );
    const principal = await mysql.createConnection({
      host: '127.0.0.1',
      port: 3306,
      user: row!.db_user,
      password: ops.ctx.secretBox.open(secret.db_password_enc),
      database: restored.database_name,
    });
    const [cars] = await principal.query<any[]>('SELECT model FROM cars ORDER BY id');
    expect(cars.map((c) => c.model)).toEqual(['Uno; Mille', 'C4 😀']);
    await expect(principal.query(`SELECT 1 FROM ${quoteIdentifier(source)}.cars`)).rejects.toThrow(/denied/);
    await principal.end();
    // Its catalogue is the storefront reader's too.
    expect(await countRowsAsCatalogueReader(await accessOf(ops.ctx, copyKey), 'cars')).toBe(2);
  });

  it('refuses to restore over a live tenant and creates nothing', async () => {
    const file = path.join(dir, 'alpha-again.sql');
    await backupTenant(ops.ctx, 'garage_alpha', file);
    await expect(restoreTenant(ops.ctx, file)).rejects.toMatchObject({ code: TenantOpsErrorCode.TENANT_KEY_TAKEN });
  });

  it('a backup whose content was altered fails verification and leaves nothing behind', async () => {
    const file = path.join(dir, 'alpha-tampered.sql');
    await backupTenant(ops.ctx, 'garage_alpha', file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('Uno; Mille', 'Uno; Mile'));
    const usersBefore = await usersLike(ops.prefix);
    await expect(restoreTenant(ops.ctx, file, 'garage_tampered')).rejects.toMatchObject({
      code: TenantOpsErrorCode.CHECKSUM_MISMATCH,
      details: { tabelas: ['cars'] },
    });
    expect(await databaseExists(tenantDatabaseName(ops.prefix, 'carros', 'garage_tampered'))).toBe(false);
    expect(await usersLike(ops.prefix)).toEqual(usersBefore);
    expect(await ops.ctx.registry.find('garage_tampered')).toBeUndefined();
  });

  it('never overwrites an existing file, and says what is not a backup', async () => {
    const file = path.join(dir, 'existing.sql');
    await writeFile(file, 'SELECT 1;\n');
    await expect(backupTenant(ops.ctx, 'garage_alpha', file)).rejects.toMatchObject({ code: TenantOpsErrorCode.BACKUP_FILE_EXISTS });
    await expect(restoreTenant(ops.ctx, file, 'garage_x')).rejects.toMatchObject({ code: TenantOpsErrorCode.BACKUP_FILE_INVALID });
    await expect(backupTenant(ops.ctx, 'nao_existe', path.join(dir, 'x.sql'))).rejects.toMatchObject({
      code: TenantOpsErrorCode.TENANT_NOT_FOUND,
    });
  });
});
