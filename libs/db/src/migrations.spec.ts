import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { baselineDatabase, loadMigrations, migrateDatabase, MigrationError, readSchemaState } from './migrations';
import { connectOnce, type RowDataPacket } from './pools';

describe('migration runner', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}mig`;
  let dir: string;
  let connection: Awaited<ReturnType<typeof connectOnce>>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    connection = await connectOnce(testMysqlUrl(), undefined, true);
    await connection.query(`CREATE DATABASE \`${database}\``);
  });
  afterAll(async () => {
    await connection.end();
    await dropScope(prefix);
  });

  it('applies pending files in order and records each version once', async () => {
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1);');
    await writeFile(path.join(dir, '0002_more.sql'), 'ALTER TABLE a ADD COLUMN b INT;');
    expect(await migrateDatabase(connection, database, await loadMigrations(dir))).toEqual({ applied: [1, 2], version: 2 });
    expect(await migrateDatabase(connection, database, await loadMigrations(dir))).toEqual({ applied: [], version: 2 });
  });

  it('does not record a failed migration, and applies it on a rerun once fixed', async () => {
    await writeFile(path.join(dir, '0003_broken.sql'), 'ALTER TABLE nao_existe ADD COLUMN c INT;');
    await expect(migrateDatabase(connection, database, await loadMigrations(dir))).rejects.toBeInstanceOf(MigrationError);
    await writeFile(path.join(dir, '0003_broken.sql'), 'ALTER TABLE a ADD COLUMN c INT;');
    expect(await migrateDatabase(connection, database, await loadMigrations(dir))).toEqual({ applied: [3], version: 3 });
  });

  it('refuses to run when an applied migration file was edited', async () => {
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE a (id BIGINT PRIMARY KEY);');
    await expect(migrateDatabase(connection, database, await loadMigrations(dir))).rejects.toThrow(/changed after it was applied/);
  });

  it('refuses badly named or non-contiguous files', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(other, '0002_skip.sql'), 'SELECT 1;');
    await expect(loadMigrations(other)).rejects.toThrow(/expected version 1/);
    const misnamed = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(misnamed, 'init.sql'), 'SELECT 1;');
    await expect(loadMigrations(misnamed)).rejects.toThrow(/NNNN_name.sql/);
  });
});

describe('schema state and baselines', () => {
  const prefix = uniquePrefix();
  let connection: Awaited<ReturnType<typeof connectOnce>>;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE a (id INT PRIMARY KEY);');
    await writeFile(path.join(dir, '0002_more.sql'), 'ALTER TABLE a ADD COLUMN b INT;');
    connection = await connectOnce(testMysqlUrl(), undefined, true);
  });
  afterAll(async () => {
    await connection.end();
    await dropScope(prefix);
  });

  it('reads a database without the migrations table as version 0, without creating it', async () => {
    await connection.query(`CREATE DATABASE \`${prefix}fresh\``);
    const state = await readSchemaState(connection, `${prefix}fresh`, await loadMigrations(dir));
    expect({ version: state.version, pending: state.pending.map((m) => m.version) }).toEqual({ version: 0, pending: [1, 2] });
    const [tables] = await connection.query<RowDataPacket[]>('SHOW TABLES FROM `' + prefix + 'fresh`');
    expect(tables).toHaveLength(0);
  });

  it('baselines a database built elsewhere, so only later migrations run', async () => {
    const database = `${prefix}legacy`;
    await connection.query(`CREATE DATABASE \`${database}\``);
    await connection.query(`CREATE TABLE \`${database}\`.a (id INT PRIMARY KEY)`);
    const migrations = await loadMigrations(dir);
    await baselineDatabase(connection, database, migrations, 1);
    expect((await readSchemaState(connection, database, migrations)).pending.map((m) => m.version)).toEqual([2]);
    expect(await migrateDatabase(connection, database, migrations)).toEqual({ applied: [2], version: 2 });
    await expect(baselineDatabase(connection, database, migrations, 1)).rejects.toThrow(/cannot be baselined/);
  });
});
