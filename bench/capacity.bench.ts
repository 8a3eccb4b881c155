/**
 * `npm run bench:capacity`: what one tenant costs a MySQL server and a robot, measured on this
 * machine with tenants onboarded by the real master (POST /tenants), and what that implies:
 *   1. disk: an empty tenant database, then the same one with 1,000 cars (information_schema's
 *      data + index length, and the files in the server's datadir), against the server's own files;
 *   2. table cache and open files: every table of N tenants read once, first under the server's own
 *      caches, then under docker-compose's (raised for the run, put back at once), the server's
 *      counters sampled as they grow; a second pass tells hits from re-opens;
 *   3. memory in a robot: a carros-api serving the N tenants once each, heap and RSS after a forced
 *      GC before and after; then a few seconds of load for the CPU each request costs;
 *   4. the plan: settings for a server, tenants per server (the limiting resource named), and the
 *      fleet for 10,000 tenants. The box and traffic assumptions are printed with it (BENCH_* below).
 * Everything it creates carries the master's `hxt_…_` prefix and is dropped at the end; global
 * settings it raised are restored even on Ctrl-C.
 */
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, quoteCatalogName, quoteIdentifier, type RowDataPacket } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { createUnthrottledPlan, onboardManyActiveTenants } from '@helix/robot-core/testing';
import { spawnMaster, spawnRobot, testMysqlUrl, type SpawnedMaster, type SpawnedRobot } from '@helix/testing';
import { cpuByProcess } from './stats';
import { useComposeTableCaches } from './table-caches';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);
const CARS = 1_000;
/** Tenants read between two samples of the server's counters. */
const BATCH = 25;
/** Tenants the robot serves before its baseline is taken: code paths loaded and compiled. */
const ROBOT_WARM_UP = 10;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 4);
const LOAD_CONCURRENCY = 8;

/** The box and the traffic the plan assumes (printed with it). */
const ASSUME = {
  ramGiB: Number(process.env.BENCH_SERVER_RAM_GIB ?? 24),
  cores: Number(process.env.BENCH_SERVER_CORES ?? 2),
  diskGiB: Number(process.env.BENCH_SERVER_DISK_GIB ?? 200),
  /** Share of a server's tenants with traffic in the same few minutes (their pages hot in the buffer pool). */
  activeRatio: Number(process.env.BENCH_ACTIVE_RATIO ?? 0.2),
  /** Requests per second of one active tenant at peak (a storefront with a few visitors and a chat). */
  peakRequestsPerActiveTenant: Number(process.env.BENCH_PEAK_RPS_PER_ACTIVE_TENANT ?? 0.5),
  /** Share of the cores mysqld may use at peak. */
  cpuTarget: 0.7,
  /** Share of the disk tenant data may fill (binary logs, backups, growth). */
  diskFill: 0.5,
  /** RAM kept for the OS and mysqld outside the buffer pool and the tenants' table metadata. */
  reservedGiB: 3,
  /** innodb_buffer_pool_size as a share of RAM on a database-only box. */
  bufferPoolShare: 0.6,
  maxConnections: 500,
  fleetTarget: 10_000,
  /** A server is filled to this share of its capacity, so any one can be drained into the others. */
  fleetFill: 0.8,
};

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const kib = (bytes: number) => `${(bytes / KiB).toFixed(0)} KiB`;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const int = (value: number) => Math.round(value).toLocaleString('en-US');

type Root = Awaited<ReturnType<typeof connectOnce>>;

async function one(root: Root, sql: string, params: unknown[] = []): Promise<RowDataPacket> {
  const [[row]] = await root.query<RowDataPacket[]>(sql, params);
  return row;
}

async function globalStatus(root: Root): Promise<Record<string, number>> {
  const [rows] = await root.query<RowDataPacket[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('Open_tables', 'Opened_tables', 'Open_table_definitions',
       'Opened_table_definitions', 'Innodb_num_open_files', 'Open_files', 'Memory_used')`,
  );
  return Object.fromEntries(rows.map((row) => [row.Variable_name, Number(row.Value)]));
}

/** InnoDB's data dictionary cache (table, column and index definitions), from SHOW ENGINE INNODB STATUS. */
async function innodbDictionaryMemory(root: Root): Promise<number> {
  const status = String((await one(root, 'SHOW ENGINE INNODB STATUS')).Status);
  return Number(/Dictionary memory allocated (\d+)/.exec(status)?.[1] ?? NaN);
}

async function sessionOpens(connection: Root): Promise<{ tables: number; definitions: number }> {
  const [rows] = await connection.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Opened_table%'");
  const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value);
  return { tables: value('Opened_tables'), definitions: value('Opened_table_definitions') };
}

/** mysqld as seen from /proc, when it runs on this machine and this user may look (else undefined). */
function mysqldProcess(pidFile: string, datadir: string) {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  return {
    pid,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * KiB,
    /** Its open files inside the databases whose names start with `prefix`. */
    filesUnder(prefix: string): number {
      const under = path.join(datadir, prefix);
      let count = 0;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(under)) count++;
        } catch {
          // Closed between the listing and the read.
        }
      }
      return count;
    },
  };
}

/** Size of a file or a directory's files: as written (apparent) and as allocated on disk. */
function diskUsage(target: string): { apparent: number; allocated: number } {
  const stat = statSync(target);
  if (!stat.isDirectory()) return { apparent: stat.size, allocated: stat.blocks * 512 };
  return readdirSync(target)
    .map((entry) => diskUsage(path.join(target, entry)))
    .reduce((sum, usage) => ({ apparent: sum.apparent + usage.apparent, allocated: sum.allocated + usage.allocated }), {
      apparent: 0,
      allocated: 0,
    });
}

interface TenantDisk {
  /** information_schema: data_length + index_length over the database's tables (after ANALYZE). */
  reported: number;
  ibd: { apparent: number; allocated: number };
  /** Every file of the database's directory (.ibd, .frm, db.opt). */
  directory: { apparent: number; allocated: number };
}

async function tenantDisk(root: Root, datadir: string, database: string, tables: string[]): Promise<TenantDisk> {
  await root.query(`ANALYZE TABLE ${tables.map((t) => `${quoteIdentifier(database)}.${quoteCatalogName(t)}`).join(', ')}`);
  const row = await one(
    root,
    'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ? AND table_name IN (?)',
    [database, tables],
  );
  const directory = path.join(datadir, database);
  const ibd = readdirSync(directory)
    .filter((file) => file.endsWith('.ibd'))
    .map((file) => diskUsage(path.join(directory, file)))
    .reduce((sum, u) => ({ apparent: sum.apparent + u.apparent, allocated: sum.allocated + u.allocated }), { apparent: 0, allocated: 0 });
  return { reported: Number(row.bytes), ibd, directory: diskUsage(directory) };
}

const BRANDS: [string, string[]][] = [
  ['Toyota', ['Corolla', 'Yaris', 'Hilux', 'SW4', 'Corolla Cross']],
  ['Volkswagen', ['Polo', 'Virtus', 'T-Cross', 'Nivus', 'Amarok']],
  ['Chevrolet', ['Onix', 'Onix Plus', 'Tracker', 'S10', 'Spin']],
  ['Fiat', ['Argo', 'Mobi', 'Pulse', 'Strada', 'Toro']],
  ['Hyundai', ['HB20', 'HB20S', 'Creta', 'Tucson']],
  ['Honda', ['Civic', 'City', 'HR-V', 'WR-V']],
  ['Jeep', ['Renegade', 'Compass', 'Commander']],
  ['Renault', ['Kwid', 'Sandero', 'Duster', 'Oroch']],
];
const COLORS = ['Prata', 'Preto', 'Branco', 'Cinza', 'Vermelho', 'Azul'];
const FUELS = ['Flex', 'Gasolina', 'Diesel', 'Híbrido'];
const TRANSMISSIONS = ['Manual', 'Automático', 'CVT'];
const EXTRAS = [
  'único dono',
  'revisões na concessionária',
  'manual e chave reserva',
  'pneus novos',
  'multimídia com Android Auto e CarPlay',
  'bancos de couro',
  'câmera de ré',
  'sensor de estacionamento',
  'teto solar',
  'IPVA pago',
  'laudo cautelar aprovado',
  'garantia de fábrica',
];

/** Row `i` of a dealership's stock: the columns its listing shows, with a description of a few hundred characters. */
function car(i: number): unknown[] {
  const [brand, models] = BRANDS[i % BRANDS.length];
  const model = models[Math.floor(i / BRANDS.length) % models.length];
  const year = 2012 + (i % 13);
  const extras = Array.from({ length: 4 + (i % 5) }, (_, n) => EXTRAS[(i + n * 5) % EXTRAS.length]);
  const description =
    `${brand} ${model} ${year}/${year + (i % 2)}, ${COLORS[i % COLORS.length].toLowerCase()}, ${30_000 + ((i * 7919) % 90_000)} km. ` +
    `Veículo em ótimo estado de conservação, ${extras.join(', ')}. Aceitamos seu usado na troca e financiamos em até 60 vezes; ` +
    `agende um test drive pelo chat ou pelo WhatsApp da loja.`;
  return [
    brand,
    model,
    year,
    year + (i % 2),
    45_000 + ((i * 104_729) % 200_000),
    30_000 + ((i * 7919) % 90_000),
    COLORS[i % COLORS.length],
    FUELS[i % FUELS.length],
    TRANSMISSIONS[i % TRANSMISSIONS.length],
    description,
    i % 10 === 0 ? 'sold' : i % 10 === 1 ? 'reserved' : 'available',
  ];
}

async function insertCars(root: Root, database: string): Promise<void> {
  const columns = 'brand, model, year, year_model, price, mileage, color, fuel_type, transmission, description, status';
  for (let start = 0; start < CARS; start += 250) {
    const rows = Array.from({ length: Math.min(250, CARS - start) }, (_, n) => car(start + n));
    await root.query(`INSERT INTO ${quoteIdentifier(database)}.cars (${columns}) VALUES ?`, [rows]);
  }
}

/** Closes the tables of these databases in the server's caches (theirs only), so that a read opens them afresh. */
async function flushTables(root: Root, databases: string[], tables: string[]): Promise<void> {
  for (let i = 0; i < databases.length; i += BATCH) {
    const names = databases.slice(i, i + BATCH).flatMap((db) => tables.map((t) => `${quoteIdentifier(db)}.${quoteCatalogName(t)}`));
    await root.query(`FLUSH TABLES ${names.join(', ')}`);
  }
}

/** One read of every table of each database, one tenant per round trip. */
async function readEveryTable(reader: Root, databases: string[], tables: string[]): Promise<void> {
  for (const db of databases) {
    await reader.query(tables.map((t) => `SELECT 1 FROM ${quoteIdentifier(db)}.${quoteCatalogName(t)} LIMIT 1`).join(';\n'));
  }
}

async function countOpenDefinitions(root: Root, prefix: string): Promise<number> {
  const [rows] = await root.query<RowDataPacket[]>('SHOW OPEN TABLES WHERE `Database` LIKE ?', [`${prefix.replace(/_/g, '\\_')}%`]);
  return rows.length;
}

/** Makes the robot's heap measurable: a preload that, on SIGUSR2, runs a full GC and writes process.memoryUsage(). */
async function heapProbe() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-capacity-'));
  const preload = path.join(dir, 'heap-probe.cjs');
  // Only in the service itself (argv[1] is its main.ts), not in the tsx process that starts it.
  await writeFile(
    preload,
    `if (/main\\.ts$/.test(process.argv[1] || '')) {
  const fs = require('node:fs');
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  fs.writeFileSync(${JSON.stringify(dir)} + '/' + process.pid + '.pid', '');
  process.on('SIGUSR2', () => {
    gc();
    gc();
    fs.writeFileSync(${JSON.stringify(dir)} + '/' + process.pid + '.json', JSON.stringify(process.memoryUsage()));
  });
}
`,
  );
  const pid = async () => {
    const file = (await readdir(dir)).find((f) => f.endsWith('.pid'));
    if (!file) throw new Error('the heap probe did not load in the robot');
    return Number(file.slice(0, -'.pid'.length));
  };
  return {
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() },
    /** The robot's memory after a full GC. */
    async measure(): Promise<NodeJS.MemoryUsage> {
      const robotPid = await pid();
      const file = path.join(dir, `${robotPid}.json`);
      await rm(file, { force: true });
      process.kill(robotPid, 'SIGUSR2');
      for (let waited = 0; waited < 10_000; waited += 50) {
        const text = await readFile(file, 'utf8').catch(() => '');
        if (text) return JSON.parse(text) as NodeJS.MemoryUsage;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the robot did not answer the heap probe');
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Each key once, `concurrency` at a time, GET /veiculos; throws unless every answer is 200. */
async function serveOnce(robot: SpawnedRobot, keys: string[], concurrency = 4): Promise<void> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < keys.length) {
        const key = keys[next++];
        const response = await fetch(`${robot.url}/veiculos`, { headers: { 'x-tenant-key': key } });
        await response.arrayBuffer();
        if (response.status !== 200) failures.push(`${key}: ${response.status}`);
      }
    }),
  );
  if (failures.length) throw new Error(`the robot refused ${failures.length} tenants: ${failures.slice(0, 5).join(', ')}`);
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function main() {
  const started = Date.now();
  const url = testMysqlUrl();
  const root = await connectOnce(url, undefined, true);
  const cleanups: (() => Promise<unknown>)[] = [async () => root.end()];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      // A server that restarted mid-run (it is shared) gets a few more tries: nothing is left behind.
      for (const cleanup of cleanups.reverse()) {
        for (let attempt = 1; ; attempt++) {
          const failure = await cleanup().then(
            () => undefined,
            (error: unknown) => error,
          );
          if (!failure) break;
          console.error(`cleanup (attempt ${attempt}):`, failure);
          if (attempt === 6) break;
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
      }
    })());
  // Ctrl-C must not leave the server's caches raised nor processes and databases behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }

  try {
    const server = await one(
      root,
      `SELECT VERSION() AS version, @@datadir AS datadir, @@pid_file AS pidFile, @@innodb_file_per_table AS filePerTable,
              @@table_open_cache AS tableOpenCache, @@table_definition_cache AS tableDefinitionCache,
              @@table_open_cache_instances AS cacheInstances, @@open_files_limit AS openFilesLimit,
              @@innodb_open_files AS innodbOpenFiles, @@max_connections AS maxConnections,
              @@innodb_buffer_pool_size AS bufferPool, @@innodb_page_size AS pageSize`,
    );
    const datadir = String(server.datadir);
    const mysqld = mysqldProcess(String(server.pidFile), datadir);
    console.log(`bench:capacity — ${TENANTS} tenants, ${os.cpus().length} cores, ${(os.totalmem() / GiB).toFixed(1)} GiB RAM`);
    console.log(`load average at start: ${load()} (the machine is shared: the global counters below include other clients)`);
    console.log(
      `mysqld ${server.version}: datadir ${datadir}, file-per-table ${server.filePerTable ? 'on' : 'OFF'}, table_open_cache ${server.tableOpenCache} ` +
        `(${server.cacheInstances} instances), table_definition_cache ${server.tableDefinitionCache}, innodb_open_files ${server.innodbOpenFiles}, ` +
        `open_files_limit ${server.openFilesLimit}, max_connections ${server.maxConnections}, buffer pool ${mib(Number(server.bufferPool))}` +
        (mysqld ? '' : ' (its /proc is not readable here: no file or RSS figures)'),
    );

    const dictionaryBefore = await innodbDictionaryMemory(root);
    const innodbFilesBefore = (await globalStatus(root)).Innodb_num_open_files;
    const mysqldRssBefore = mysqld?.rss();
    const master: SpawnedMaster = await spawnMaster();
    cleanups.push(() => master.close());
    const onboardingStarted = Date.now();
    const keys = await onboardManyActiveTenants(master, 'cap_', TENANTS, 'carros', { planoId: await createUnthrottledPlan(master) });
    const databases = keys.map((key) => tenantDatabaseName(master.prefix, 'carros', key));
    const dictionaryAfter = await innodbDictionaryMemory(root);
    const innodbFilesAfter = (await globalStatus(root)).Innodb_num_open_files;
    const tenantPrefix = tenantDatabaseName(master.prefix, 'carros', '');
    console.log(`onboarded ${TENANTS} carros tenants through POST /tenants in ${((Date.now() - onboardingStarted) / 1000).toFixed(1)} s`);
    const [tableRows] = await root.query<RowDataPacket[]>(
      'SELECT table_name AS name, engine FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name',
      [databases[0]],
    );
    const tables = tableRows.map((row) => String(row.name));
    const engines = [...new Set(tableRows.map((row) => String(row.engine)))].join(', ');
    console.log(`tables per tenant database: ${tables.length} (${engines}): ${tables.join(', ')}`);

    // 1. Disk.
    console.log('\n1. Disk');
    const own = ['ibdata1', 'ib_logfile0', 'ibtmp1', 'mysql', 'sys', 'performance_schema']
      .filter((entry) => {
        try {
          return Boolean(statSync(path.join(datadir, entry)));
        } catch {
          return false;
        }
      })
      .map((entry) => diskUsage(path.join(datadir, entry)).allocated)
      .reduce((a, b) => a + b, 0);
    const empty = await tenantDisk(root, datadir, databases[0], tables);
    const insertStarted = Date.now();
    await insertCars(root, databases[0]);
    const insertMs = Date.now() - insertStarted;
    const full = await tenantDisk(root, datadir, databases[0], tables);
    const cars = await tenantDisk(root, datadir, databases[0], ['cars']);
    const row = (name: string, d: TenantDisk) =>
      `${name.padEnd(34)} information_schema ${kib(d.reported).padStart(9)}   .ibd ${kib(d.ibd.apparent).padStart(9)} (allocated ${kib(d.ibd.allocated)})   whole directory ${kib(d.directory.allocated).padStart(9)}`;
    console.log(row('empty tenant database', empty));
    console.log(row(`with ${CARS} cars`, full));
    console.log(
      `${CARS} cars (${insertMs} ms, 4 INSERTs of 250 rows): +${kib(full.reported - empty.reported)} reported, +${kib(full.directory.allocated - empty.directory.allocated)} on disk ` +
        `= ${((full.directory.allocated - empty.directory.allocated) / CARS).toFixed(0)} bytes a car on disk (the cars table alone: ${kib(cars.reported)} reported)`,
    );
    if (own)
      console.log(
        `the server's own files (ibdata1, redo log, ibtmp1, system schemas): ${mib(own)}; an empty tenant adds ${((empty.directory.allocated / own) * 100).toFixed(2)} % of that, ` +
          `one with ${CARS} cars ${((full.directory.allocated / own) * 100).toFixed(2)} %`,
      );

    // 2. Table cache and open files.
    console.log(
      `\n2. Table cache and open files: ${TENANTS} tenants × ${tables.length} tables = ${TENANTS * tables.length} tables, each read once`,
    );
    const reader = await connectOnce(url, undefined, true);
    cleanups.push(async () => reader.end());
    const pass = async (what: string) => {
      const before = await sessionOpens(reader);
      const passStarted = process.hrtime.bigint();
      await readEveryTable(reader, databases, tables);
      const ms = Number(process.hrtime.bigint() - passStarted) / 1e6;
      const after = await sessionOpens(reader);
      const opens = { tables: after.tables - before.tables, definitions: after.definitions - before.definitions };
      console.log(
        `  ${what.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   tables opened ${String(opens.tables).padStart(5)}   definitions read ${String(opens.definitions).padStart(5)}`,
      );
      return { ms, opens };
    };
    const caches = async () => {
      const row = await one(root, 'SELECT @@table_open_cache AS open, @@table_definition_cache AS definitions');
      return `table_open_cache ${row.open}, table_definition_cache ${row.definitions}`;
    };
    console.log(`under this server's own caches (${await caches()}):`);
    await flushTables(root, databases, tables);
    await pass('first read of every table');
    const ownSecond = await pass('second read (what stayed cached)');
    console.log(`  definitions of these tenants still cached: ${await countOpenDefinitions(root, tenantPrefix)}`);

    const tableCaches = await useComposeTableCaches(root);
    let restored = false;
    const restoreCaches = async () => {
      if (restored) return;
      restored = true;
      await tableCaches.restore();
    };
    cleanups.push(restoreCaches);
    let growth: { tenants: number; status: Record<string, number>; definitions: number; files?: number; rss?: number }[] = [];
    let raisedSecond!: Awaited<ReturnType<typeof pass>>;
    const heldByCaches: number[] = [];
    try {
      console.log(`under ${tableCaches.summary}:`);
      await flushTables(root, databases, tables);
      const sample = async (tenants: number) => ({
        tenants,
        status: await globalStatus(root),
        definitions: await countOpenDefinitions(root, tenantPrefix),
        files: mysqld?.filesUnder(tenantPrefix),
        rss: mysqld?.rss(),
      });
      growth = [await sample(0)];
      for (let i = 0; i < TENANTS; i += BATCH) {
        await readEveryTable(reader, databases.slice(i, i + BATCH), tables);
        growth.push(await sample(Math.min(TENANTS, i + BATCH)));
      }
      raisedSecond = await pass('second read of every table');
      // Memory_used is global and other clients move it: what dropping these tenants' tables from
      // the caches frees, and reading them again takes back, measured a few times.
      for (let cycle = 0; cycle < 3; cycle++) {
        const cached = (await globalStatus(root)).Memory_used;
        await flushTables(root, databases, tables);
        const flushed = (await globalStatus(root)).Memory_used;
        await readEveryTable(reader, databases, tables);
        heldByCaches.push(cached - flushed, (await globalStatus(root)).Memory_used - flushed);
      }
    } finally {
      await restoreCaches();
    }
    console.log(`  (restored: ${await caches()})`);
    console.log(
      `  ${'tenants read'.padEnd(13)} ${'Open_tables'.padStart(11)} ${'Opened_tables'.padStart(13)} ${'Open_table_defs'.padStart(15)} ${'their defs'.padStart(10)} ${'Innodb_num_open_files'.padStart(21)} ${'their .ibd open'.padStart(15)} ${'Open_files'.padStart(10)} ${'mysqld RSS'.padStart(11)}`,
    );
    for (const g of growth) {
      const s = g.status;
      console.log(
        `  ${String(g.tenants).padEnd(13)} ${String(s.Open_tables).padStart(11)} ${String(s.Opened_tables).padStart(13)} ${String(s.Open_table_definitions).padStart(15)} ${String(g.definitions).padStart(10)} ${String(s.Innodb_num_open_files).padStart(21)} ${String(g.files ?? '–').padStart(15)} ${String(s.Open_files).padStart(10)} ${(g.rss === undefined ? '–' : mib(g.rss)).padStart(11)}`,
      );
    }
    const [first, last] = [growth[0], growth.at(-1)!];
    const perTenant = (f: (g: (typeof growth)[number]) => number | undefined) => {
      const [a, b] = [f(first), f(last)];
      return a === undefined || b === undefined ? undefined : (b - a) / TENANTS;
    };
    const perTenantOpenTables = perTenant((g) => g.status.Open_tables)!;
    const perTenantDefinitions = perTenant((g) => g.definitions)!;
    const perTenantOpened = perTenant((g) => g.status.Opened_tables)!;
    const perTenantRss = perTenant((g) => g.rss);
    const heldSorted = [...heldByCaches].sort((a, b) => a - b);
    const perTenantCaches = heldSorted[Math.floor(heldSorted.length / 2)] / TENANTS;
    const perTenantDictionary = (dictionaryAfter - dictionaryBefore) / TENANTS;
    console.log(
      `  per tenant: Open_tables +${perTenantOpenTables.toFixed(1)}, Opened_tables +${perTenantOpened.toFixed(1)} (first read), its table definitions cached ${perTenantDefinitions.toFixed(1)}; ` +
        `Open_files +${perTenant((g) => g.status.Open_files)!.toFixed(2)} (InnoDB's files are not counted there)`,
    );
    if (last.files !== undefined)
      console.log(
        `  open .ibd files: ${tables.length} per tenant while all are open; mysqld holds ${last.files} of these ${TENANTS * tables.length} (${(last.files / TENANTS).toFixed(1)} a tenant): ` +
          `InnoDB opens them at CREATE TABLE and keeps them until innodb_open_files (${server.innodbOpenFiles}) makes it close the least recently used ` +
          `(Innodb_num_open_files ${innodbFilesBefore} before onboarding, ${innodbFilesAfter} after it, ${last.status.Innodb_num_open_files} now)`,
      );
    console.log(
      `  mysqld memory per tenant: its ${tables.length} tables in the table and definition caches ${kib(perTenantCaches)} (Memory_used released by FLUSH TABLES and taken back by a read, ` +
        `median of ${heldByCaches.length}: ${heldSorted.map((b) => kib(b)).join(', ')} for ${TENANTS} tenants), InnoDB dictionary ${kib(perTenantDictionary)} ` +
        `(“Dictionary memory allocated” before and after onboarding); mysqld's RSS moved ${perTenantRss === undefined ? '–' : kib(perTenantRss)} a tenant while they were read ` +
        `(freed memory is reused, so RSS barely shows it). Global figures: other clients move them too`,
    );
    if (mysqldRssBefore)
      console.log(
        `  against this mysqld's RSS at start (${mib(mysqldRssBefore)}, buffer pool included): one tenant's cached tables and dictionary are ${(((perTenantCaches + Math.max(0, perTenantDictionary)) / mysqldRssBefore) * 100).toFixed(3)} %`,
      );
    console.log(
      `  second read of every table: ${ownSecond.ms.toFixed(0)} ms and ${ownSecond.opens.tables} re-opens under the server's own caches, ` +
        `${raisedSecond.ms.toFixed(0)} ms and ${raisedSecond.opens.tables} under the raised ones (${(ownSecond.ms / raisedSecond.ms).toFixed(2)}× the time)`,
    );

    // 3. Memory in a robot.
    console.log(`\n3. Memory in a robot: carros-api serving ${TENANTS} tenants once each (GET /veiculos)`);
    const probe = await heapProbe();
    cleanups.push(() => probe.close());
    const robot = await spawnRobot(master, 'carros', probe.env);
    cleanups.push(() => robot.close());
    await serveOnce(robot, keys.slice(0, ROBOT_WARM_UP));
    await serveOnce(robot, keys.slice(0, ROBOT_WARM_UP));
    const base = await probe.measure();
    await serveOnce(robot, keys.slice(ROBOT_WARM_UP));
    const served = await probe.measure();
    await serveOnce(robot, keys);
    const again = await probe.measure();
    const newTenants = TENANTS - ROBOT_WARM_UP;
    const robotHeapPerTenant = (served.heapUsed - base.heapUsed) / newTenants;
    const memRow = (what: string, m: NodeJS.MemoryUsage) =>
      `  ${what.padEnd(44)} heap used ${mib(m.heapUsed).padStart(9)}   RSS ${mib(m.rss).padStart(9)}   external ${mib(m.external).padStart(8)}`;
    console.log(memRow(`after ${ROBOT_WARM_UP} tenants (baseline, after a full GC)`, base));
    console.log(memRow(`after all ${TENANTS}`, served));
    console.log(memRow(`after all ${TENANTS} once more`, again));
    const [connections] = await root.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.processlist WHERE user LIKE ?', [
      `${master.prefix.replace(/_/g, '\\_')}%`,
    ]);
    console.log(
      `  per tenant: heap +${kib(robotHeapPerTenant)}, RSS +${kib((served.rss - base.rss) / newTenants)}; serving them all again: heap ${(again.heapUsed - served.heapUsed) / MiB >= 0 ? '+' : ''}${mib(again.heapUsed - served.heapUsed)} ` +
        `(nothing grows per request); ` +
        `10,000 tenants (TENANT_CACHE_MAX) would add ${mib(robotHeapPerTenant * 10_000)}, ${((robotHeapPerTenant * 10_000) / base.heapUsed).toFixed(2)}× the baseline heap; ` +
        `the robot's MySQL connections: ${connections[0].n} (one bounded pool per server, DB_MAX_CONNECTIONS 20, whatever the tenants)`,
    );

    const cpu = cpuByProcess(mysqld ? { mysqld: mysqld.pid } : {});
    // mysqld serves other clients too: the lower of its CPU rates with no load of ours, just before and
    // just after, is taken off (the lower one: a burst of theirs must not make ours look free).
    const mysqldCpuRate = async (seconds: number) => {
      const before = cpu().get('mysqld') ?? 0;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      return ((cpu().get('mysqld') ?? 0) - before) / seconds;
    };
    const idleBefore = await mysqldCpuRate(2);
    const cpuBefore = cpu();
    let requests = 0;
    const loadStarted = process.hrtime.bigint();
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: LOAD_CONCURRENCY }, async () => {
        while (Date.now() < deadline) {
          const response = await fetch(`${robot.url}/veiculos`, { headers: { 'x-tenant-key': keys[requests++ % keys.length] } });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`GET /veiculos: ${response.status}`);
        }
      }),
    );
    const cpuAfter = cpu();
    const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
    const idleAfter = await mysqldCpuRate(2);
    const cpuPerRequest = (name: string) => ((cpuAfter.get(name) ?? 0) - (cpuBefore.get(name) ?? 0)) / requests;
    const robotUs = cpuPerRequest('carros-api');
    const mysqldUs = cpuPerRequest('mysqld');
    const otherClientsUs = (Math.min(idleBefore, idleAfter) * loadSeconds) / requests;
    const netMysqldUs = mysqldUs - otherClientsUs > 0 ? mysqldUs - otherClientsUs : mysqldUs;
    console.log(
      `  ${loadSeconds.toFixed(1)} s of GET /veiculos over the ${TENANTS} tenants, ${LOAD_CONCURRENCY} in flight: ${(requests / loadSeconds).toFixed(0)} req/s; ` +
        `CPU per request: carros-api ${robotUs.toFixed(0)} µs, mysqld ` +
        (mysqld
          ? `${netMysqldUs.toFixed(0)} µs (${mysqldUs.toFixed(0)} µs in all, less ${otherClientsUs.toFixed(0)} µs at the lower rate other clients kept it busy just before and after: ${(idleBefore / 1e4).toFixed(0)} %, ${(idleAfter / 1e4).toFixed(0)} % of a core)`
          : 'n/a') +
        `; load average ${load()}`,
    );

    // 4. The plan.
    const tablesPerTenant = tables.length;
    const perTenantMysqldMemory = Math.max(0, perTenantCaches) + Math.max(0, perTenantDictionary);
    const perTenantDisk = full.directory.allocated;
    const workingSet = full.reported;
    const bufferPool = ASSUME.ramGiB * GiB * ASSUME.bufferPoolShare;
    const metadataRam = ASSUME.ramGiB * GiB - bufferPool - ASSUME.reservedGiB * GiB;
    const cpuUs = mysqld && netMysqldUs > 0 ? netMysqldUs : undefined;
    const bounds: [string, number, string][] = [
      [
        'buffer pool',
        bufferPool / (ASSUME.activeRatio * workingSet),
        `innodb_buffer_pool_size ${mib(bufferPool)} (${ASSUME.bufferPoolShare * 100} % of RAM) holding every active tenant's ${kib(workingSet)} (a ${CARS}-car tenant, all of it hot)`,
      ],
      [
        'table metadata in mysqld',
        metadataRam / Math.max(perTenantMysqldMemory, 1),
        `${mib(metadataRam)} of RAM outside the buffer pool and a ${ASSUME.reservedGiB} GiB reserve, ${kib(perTenantMysqldMemory)} a tenant with all its tables cached (caches + dictionary, measured above)`,
      ],
      [
        'disk',
        (ASSUME.diskGiB * GiB * ASSUME.diskFill) / perTenantDisk,
        `${ASSUME.diskFill * 100} % of ${ASSUME.diskGiB} GiB for tenant databases of ${kib(perTenantDisk)} (${CARS} cars)`,
      ],
      ...(cpuUs
        ? ([
            [
              'CPU',
              (ASSUME.cores * ASSUME.cpuTarget * 1e6) / cpuUs / (ASSUME.activeRatio * ASSUME.peakRequestsPerActiveTenant),
              `${ASSUME.cores} cores at ${ASSUME.cpuTarget * 100} %, ${cpuUs.toFixed(0)} µs of mysqld a request, ${ASSUME.peakRequestsPerActiveTenant} req/s per active tenant at peak`,
            ],
          ] as [string, number, string][])
        : []),
    ];
    bounds.sort((a, b) => a[1] - b[1]);
    const [limiting] = bounds;
    // A round figure under the bound: what `helix servers add --capacidade` registers.
    const magnitude = 10 ** Math.floor(Math.log10(limiting[1]));
    const perServer = Math.floor(limiting[1] / (magnitude / 2)) * (magnitude / 2);
    const tableCount = perServer * tablesPerTenant;
    const settings = {
      table_definition_cache: Math.ceil((tableCount + 400) / 1000) * 1000,
      table_open_cache: Math.ceil((tableCount + 400) / 1000) * 1000,
      innodb_open_files: Math.ceil((tableCount + 200) / 1000) * 1000,
      max_connections: ASSUME.maxConnections,
    };
    const openFilesLimit =
      Math.ceil((settings.innodb_open_files + 2 * settings.table_open_cache + settings.max_connections + 30) / 1000) * 1000;
    const servers = Math.max(Math.ceil(ASSUME.fleetTarget / (perServer * ASSUME.fleetFill)), Math.ceil(ASSUME.fleetTarget / perServer) + 1);
    console.log(
      `\n4. Plan (assumed box: ${ASSUME.ramGiB} GiB RAM, ${ASSUME.cores} cores, ${ASSUME.diskGiB} GiB disk; ${ASSUME.activeRatio * 100} % of tenants active at once)`,
    );
    console.log('tenants one server holds, by resource (fewest first):');
    for (const [name, value, why] of bounds) console.log(`  ${name.padEnd(26)} ${int(value).padStart(9)}   ${why}`);
    console.log(`limiting resource: ${limiting[0]} → capacity ${int(perServer)} tenants a server (${int(tableCount)} tables)`);
    console.log(`settings for ${int(perServer)} tenants (my.cnf; every tenant's tables cached once, plus the system's):`);
    for (const [name, value] of Object.entries(settings)) console.log(`  ${name} = ${value}`);
    console.log(
      `  open_files_limit = ${openFilesLimit}   (innodb_open_files + 2 × table_open_cache + max_connections + 30, MariaDB's own sizing rule; LimitNOFILE at least as high)`,
    );
    console.log(
      `  the robot keeps up to TENANT_CACHE_MAX (10,000) resolutions: ${mib(robotHeapPerTenant * 10_000)} of heap at ${kib(robotHeapPerTenant)} a tenant, so every robot instance can serve the whole fleet`,
    );
    const peakRequests = ASSUME.fleetTarget * ASSUME.activeRatio * ASSUME.peakRequestsPerActiveTenant;
    console.log(
      `  robots for the fleet at peak (${int(peakRequests)} req/s at the rates above): ${((peakRequests * robotUs) / 1e6).toFixed(1)} cores of carros-api at ${robotUs.toFixed(0)} µs a request, ` +
        `each instance with one pool of DB_MAX_CONNECTIONS (20) per server: max_connections ${ASSUME.maxConnections} admits ${Math.floor(ASSUME.maxConnections / 20) - 1} instances with room for the master and operators`,
    );
    console.log(
      `10,000 tenants: ${servers} servers of capacity ${int(perServer)} (filled to ≤ ${ASSUME.fleetFill * 100} %, ${int(Math.ceil(ASSUME.fleetTarget / servers))} tenants each when placement keeps them even; ` +
        `any one can be drained into the other ${servers - 1}: ${int((servers - 1) * perServer)} ≥ 10,000)`,
    );
    console.log(`\nbench:capacity done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end: ${load()}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
