import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { loadMigrations, type MigrationPlan } from './migration-plan';
import { baselineDatabase, migrateDatabase, MigrationError, readSchemaState } from './migrations';
import { connectOnce, type RowDataPacket } from './pools';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const refs = (series: string, ...versions: number[]) => versions.map((version) => ({ series, version }));

describe('migration runner', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}mig`;
  let dir: string;
  let connection: Awaited<ReturnType<typeof connectOnce>>;
  const plan = async (): Promise<MigrationPlan> => ({ migrations: await loadMigrations(dir, 'app') });

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
    expect(await migrateDatabase(connection, database, await plan())).toEqual({
      from: { app: 0 },
      applied: refs('app', 1, 2),
      versions: { app: 2 },
    });
    expect(await migrateDatabase(connection, database, await plan())).toEqual({ from: { app: 2 }, applied: [], versions: { app: 2 } });
  });

  it('does not record a failed migration, and applies it on a rerun once fixed', async () => {
    await writeFile(path.join(dir, '0003_broken.sql'), 'ALTER TABLE nao_existe ADD COLUMN c INT;');
    await expect(migrateDatabase(connection, database, await plan())).rejects.toBeInstanceOf(MigrationError);
    await writeFile(path.join(dir, '0003_broken.sql'), 'ALTER TABLE a ADD COLUMN c INT;');
    expect(await migrateDatabase(connection, database, await plan())).toEqual({
      from: { app: 2 },
      applied: refs('app', 3),
      versions: { app: 3 },
    });
  });

  it('refuses to run when an applied migration file was edited', async () => {
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE a (id BIGINT PRIMARY KEY);');
    await expect(migrateDatabase(connection, database, await plan())).rejects.toThrow(
      /migration app 1 of .* was changed after it was applied/,
    );
  });

  it('refuses badly named or non-contiguous files', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(other, '0002_skip.sql'), 'SELECT 1;');
    await expect(loadMigrations(other, 'app')).rejects.toThrow(/expected version 1/);
    const misnamed = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(misnamed, 'init.sql'), 'SELECT 1;');
    await expect(loadMigrations(misnamed, 'app')).rejects.toThrow(/NNNN_name.sql/);
  });
});

describe('schema state and baselines', () => {
  const prefix = uniquePrefix();
  let connection: Awaited<ReturnType<typeof connectOnce>>;
  let plan: MigrationPlan;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE a (id INT PRIMARY KEY);');
    await writeFile(path.join(dir, '0002_more.sql'), 'ALTER TABLE a ADD COLUMN b INT;');
    plan = { migrations: await loadMigrations(dir, 'app') };
    connection = await connectOnce(testMysqlUrl(), undefined, true);
  });
  afterAll(async () => {
    await connection.end();
    await dropScope(prefix);
  });

  it('reads a database without the migrations table as version 0, without creating it', async () => {
    await connection.query(`CREATE DATABASE \`${prefix}fresh\``);
    const state = await readSchemaState(connection, `${prefix}fresh`, plan);
    expect({ versions: state.versions, pending: state.pending.map((m) => m.version) }).toEqual({ versions: { app: 0 }, pending: [1, 2] });
    const [tables] = await connection.query<RowDataPacket[]>('SHOW TABLES FROM `' + prefix + 'fresh`');
    expect(tables).toHaveLength(0);
  });

  it('baselines a database built elsewhere, so only later migrations run', async () => {
    const database = `${prefix}legacy`;
    await connection.query(`CREATE DATABASE \`${database}\``);
    await connection.query(`CREATE TABLE \`${database}\`.a (id INT PRIMARY KEY)`);
    const first = { migrations: plan.migrations.slice(0, 1) };
    await baselineDatabase(connection, database, first);
    expect((await readSchemaState(connection, database, plan)).pending.map((m) => m.version)).toEqual([2]);
    expect(await migrateDatabase(connection, database, plan)).toEqual({ from: { app: 1 }, applied: refs('app', 2), versions: { app: 2 } });
    await expect(baselineDatabase(connection, database, first)).rejects.toThrow(/cannot be baselined/);
  });
});

describe('several series in one database', () => {
  const prefix = uniquePrefix();
  let connection: Awaited<ReturnType<typeof connectOnce>>;
  let root: string;
  const write = async (series: string, file: string, sql: string) => {
    await mkdir(path.join(root, series), { recursive: true });
    await writeFile(path.join(root, series, file), sql);
  };
  const plan = async (split?: MigrationPlan['split']): Promise<MigrationPlan> => ({
    migrations: [...(await loadMigrations(path.join(root, 'shared'), 'shared')), ...(await loadMigrations(path.join(root, 'own'), 'own'))],
    split,
  });
  /** The bookkeeping's rows, whatever its shape, by series then version. */
  const recorded = async (database: string) =>
    (await connection.query<RowDataPacket[]>(`SELECT * FROM \`${database}\`._schema_migrations`))[0].sort(
      (a, b) => (a.series ?? '').localeCompare(b.series ?? '') || a.version - b.version,
    );

  /** The bookkeeping of a runner from before series, verbatim, with `files` recorded on 2025-01-0N. */
  async function beforeSeries(database: string, files: { name: string; sql: string }[]) {
    await connection.query(`CREATE DATABASE \`${database}\``);
    await connection.query(
      `CREATE TABLE \`${database}\`._schema_migrations (
         version INT UNSIGNED PRIMARY KEY,
         name VARCHAR(100) NOT NULL,
         checksum CHAR(64) NOT NULL,
         applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
       ) ENGINE=InnoDB`,
    );
    for (const [i, file] of files.entries()) {
      await connection.query(`USE \`${database}\`; ${file.sql}`);
      await connection.query(`INSERT INTO \`${database}\`._schema_migrations VALUES (?, ?, ?, ?)`, [
        i + 1,
        file.name,
        sha256(file.sql),
        `2025-01-0${i + 1} 10:00:00`,
      ]);
    }
  }

  // One series before the split: its 0001 held both tables, its 0002 one change to each.
  const SINGLE = [
    {
      name: 'init',
      sql: 'CREATE TABLE people (id INT PRIMARY KEY);\nCREATE TABLE visits (id INT PRIMARY KEY, person_id INT NOT NULL, FOREIGN KEY (person_id) REFERENCES people(id));',
    },
    { name: 'more', sql: 'ALTER TABLE people ADD COLUMN name TEXT;\nALTER TABLE visits ADD COLUMN at DATETIME;' },
  ];
  const SPLIT = {
    1: {
      checksum: sha256(SINGLE[0].sql),
      became: [
        { series: 'shared', version: 1 },
        { series: 'own', version: 1 },
      ],
    },
    2: {
      checksum: sha256(SINGLE[1].sql),
      became: [
        { series: 'shared', version: 2 },
        { series: 'own', version: 2 },
      ],
    },
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    // `own` refers to `shared`'s table: it must run after it.
    await write('shared', '0001_init.sql', 'CREATE TABLE people (id INT PRIMARY KEY);');
    await write('shared', '0002_name.sql', 'ALTER TABLE people ADD COLUMN name TEXT;');
    await write(
      'own',
      '0001_init.sql',
      'CREATE TABLE visits (id INT PRIMARY KEY, person_id INT NOT NULL, FOREIGN KEY (person_id) REFERENCES people(id));',
    );
    await write('own', '0002_at.sql', 'ALTER TABLE visits ADD COLUMN at DATETIME;');
    connection = await connectOnce(testMysqlUrl(), undefined, true);
  });
  afterAll(async () => {
    await connection.end();
    await dropScope(prefix);
  });

  it('runs the whole of one series before the next, each versioned on its own', async () => {
    const database = `${prefix}fresh`;
    await connection.query(`CREATE DATABASE \`${database}\``);
    expect(await migrateDatabase(connection, database, await plan(SPLIT))).toEqual({
      from: { shared: 0, own: 0 },
      applied: [...refs('shared', 1, 2), ...refs('own', 1, 2)],
      versions: { shared: 2, own: 2 },
    });
    await write('own', '0003_note.sql', 'ALTER TABLE visits ADD COLUMN note TEXT;');
    await write('shared', '0003_phone.sql', 'ALTER TABLE people ADD COLUMN phone TEXT;');
    expect((await migrateDatabase(connection, database, await plan(SPLIT))).applied).toEqual([...refs('shared', 3), ...refs('own', 3)]);
  });

  it('labels versions recorded before series with what they became, without running them, keeping when they ran', async () => {
    const database = `${prefix}before`;
    await beforeSeries(database, SINGLE);
    const state = await readSchemaState(connection, database, await plan(SPLIT));
    expect({ versions: state.versions, pending: state.pending.map((m) => `${m.series} ${m.version}`) }).toEqual({
      versions: { shared: 2, own: 2 },
      pending: ['shared 3', 'own 3'],
    });
    expect((await recorded(database))[0]).not.toHaveProperty('series');

    expect(await migrateDatabase(connection, database, await plan(SPLIT))).toEqual({
      from: { shared: 2, own: 2 },
      applied: [...refs('shared', 3), ...refs('own', 3)],
      versions: { shared: 3, own: 3 },
    });
    const migrations = (await plan()).migrations;
    expect(await recorded(database)).toEqual(
      migrations
        .map((m) => ({
          series: m.series,
          version: m.version,
          name: m.name,
          checksum: m.checksum,
          applied_at: m.version < 3 ? new Date(`2025-01-0${m.version}T10:00:00Z`) : expect.any(Date),
        }))
        .sort((a, b) => a.series.localeCompare(b.series) || a.version - b.version),
    );
  });

  it('refuses a database whose recorded file differs from the one the split names, changing nothing', async () => {
    const database = `${prefix}edited`;
    await beforeSeries(database, [{ name: 'init', sql: `${SINGLE[0].sql}\n-- edited` }]);
    await expect(migrateDatabase(connection, database, await plan(SPLIT))).rejects.toThrow(
      /migration 1 of .* was changed after it was applied/,
    );
    await expect(readSchemaState(connection, database, await plan(SPLIT))).rejects.toThrow(/was changed after it was applied/);
    expect(await recorded(database)).toEqual([expect.not.objectContaining({ series: expect.anything() })]);
  });

  it('finishes a labelling interrupted after the table got its series column', async () => {
    const database = `${prefix}interrupted`;
    await beforeSeries(database, SINGLE);
    await connection.query(
      `ALTER TABLE \`${database}\`._schema_migrations ADD COLUMN series VARCHAR(40) NOT NULL FIRST, DROP PRIMARY KEY, ADD PRIMARY KEY (series, version)`,
    );
    expect((await migrateDatabase(connection, database, await plan(SPLIT))).from).toEqual({ shared: 2, own: 2 });
    expect((await recorded(database)).map((r) => `${r.series} ${r.version}`)).toEqual([
      'own 1',
      'own 2',
      'own 3',
      'shared 1',
      'shared 2',
      'shared 3',
    ]);
  });

  it('takes versions recorded before series as its own in a plan of one series (the master database)', async () => {
    const database = `${prefix}single`;
    await beforeSeries(database, SINGLE);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    for (const [i, file] of SINGLE.entries()) await writeFile(path.join(dir, `000${i + 1}_${file.name}.sql`), file.sql);
    await writeFile(path.join(dir, '0003_later.sql'), 'ALTER TABLE people ADD COLUMN later INT;');
    const single = { migrations: await loadMigrations(dir, 'master') };
    expect(await migrateDatabase(connection, database, single)).toEqual({
      from: { master: 2 },
      applied: refs('master', 3),
      versions: { master: 3 },
    });
    expect((await recorded(database)).map((r) => `${r.series} ${r.version} ${r.name}`)).toEqual([
      'master 1 init',
      'master 2 more',
      'master 3 later',
    ]);
  });
});

describe('concurrent runners', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}both`;
  let runners: Awaited<ReturnType<typeof connectOnce>>[];
  let dir: string;

  beforeAll(async () => {
    // Two runners: e.g. two masters starting at once.
    runners = await Promise.all([connectOnce(testMysqlUrl(), undefined, true), connectOnce(testMysqlUrl(), undefined, true)]);
    await runners[0].query(`CREATE DATABASE \`${database}\``);
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.end()));
    await dropScope(prefix);
    await rm(dir, { recursive: true, force: true });
  });

  it('lets both succeed with each migration applied once: the second waits for the lease, then finds nothing pending', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-mig-'));
    // Neither file can run twice (the table exists; the key is taken), and the first is slow enough for both to meet.
    await writeFile(path.join(dir, '0001_init.sql'), 'CREATE TABLE runs (id INT PRIMARY KEY);\nINSERT INTO runs VALUES (1);\nDO SLEEP(1);');
    await writeFile(path.join(dir, '0002_more.sql'), 'INSERT INTO runs VALUES (2);');
    const plan = { migrations: await loadMigrations(dir, 'app') };

    const results = await Promise.all(runners.map((runner) => migrateDatabase(runner, database, plan)));

    expect(results.map((r) => r.applied).sort((a, b) => a.length - b.length)).toEqual([[], refs('app', 1, 2)]);
    expect(results.map((r) => r.versions)).toEqual([{ app: 2 }, { app: 2 }]);
    const [runs] = await runners[0].query<RowDataPacket[]>(`SELECT id FROM \`${database}\`.runs ORDER BY id`);
    expect(runs.map((r) => r.id)).toEqual([1, 2]);
    // Made by the runner before anything ran, and released.
    const [leases] = await runners[0].query<RowDataPacket[]>(`SELECT * FROM \`${database}\`._migration_lease`);
    expect(leases).toEqual([]);
  });
});
