/**
 * Section 2 of bench:capacity: what N tenants cost mysqld's table caches, open files and memory.
 * Every table of every tenant is read once under the server's own caches, then under docker-compose's
 * (raised for the run, restored at once) while the server's counters are sampled as they grow; a
 * second pass under each tells cache hits from re-opens.
 */
import { connectOnce, quoteCatalogName, quoteIdentifier, type RowDataPacket } from '@helix/db';
import { useComposeTableCaches } from '../table-caches';
import { kib, mib } from './format';
import { globalStatus, one, type MysqldProcess, type Root } from './mysqld';

/** Tenants read between two samples of the server's counters. */
const BATCH = 25;

export interface TenantsOnServer {
  root: Root;
  url: string;
  databases: string[];
  tables: string[];
  /** The start of every one of these tenants' database names (to count their definitions and files). */
  tenantPrefix: string;
  mysqld: MysqldProcess | undefined;
  innodbOpenFiles: number;
  /** Figures taken just before and after onboarding: what creating the tenants alone moved. */
  onboarding: {
    dictionaryBefore: number;
    dictionaryAfter: number;
    innodbFilesBefore: number;
    innodbFilesAfter: number;
    mysqldRssBefore: number | undefined;
  };
  defer(cleanup: () => Promise<unknown>): void;
}

export interface CacheCosts {
  /** Memory_used held by one tenant's tables in the table and definition caches. */
  perTenantCaches: number;
  /** InnoDB's dictionary growth per tenant onboarded. */
  perTenantDictionary: number;
}

async function sessionOpens(connection: Root): Promise<{ tables: number; definitions: number }> {
  const [rows] = await connection.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Opened_table%'");
  const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value);
  return { tables: value('Opened_tables'), definitions: value('Opened_table_definitions') };
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

async function cacheSettings(root: Root): Promise<string> {
  const row = await one(root, 'SELECT @@table_open_cache AS open, @@table_definition_cache AS definitions');
  return `table_open_cache ${row.open}, table_definition_cache ${row.definitions}`;
}

type Pass = { ms: number; opens: { tables: number; definitions: number } };

/** A timed read of every table by `reader`, printed with the opens its session counted (its own: no other client's). */
function readPass(reader: Root, databases: string[], tables: string[]) {
  return async (what: string): Promise<Pass> => {
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
}

interface Sample {
  tenants: number;
  status: Record<string, number>;
  definitions: number;
  files?: number;
  rss?: number;
}

/**
 * Under docker-compose's caches (large enough for every table): the counters sampled every BATCH
 * tenants read, a second pass, and the Memory_used the tenants' cached tables hold.
 */
async function underComposeCaches(t: TenantsOnServer, reader: Root, pass: ReturnType<typeof readPass>) {
  const { root, databases, tables, tenantPrefix, mysqld } = t;
  const tableCaches = await useComposeTableCaches(root);
  let restored = false;
  const restoreCaches = async () => {
    if (restored) return;
    restored = true;
    await tableCaches.restore();
  };
  t.defer(restoreCaches);
  let growth: Sample[] = [];
  let raisedSecond!: Pass;
  const heldByCaches: number[] = [];
  try {
    console.log(`under ${tableCaches.summary}:`);
    await flushTables(root, databases, tables);
    const sample = async (tenants: number): Promise<Sample> => ({
      tenants,
      status: await globalStatus(root),
      definitions: await countOpenDefinitions(root, tenantPrefix),
      files: mysqld?.filesUnder(tenantPrefix),
      rss: mysqld?.rss(),
    });
    growth = [await sample(0)];
    for (let i = 0; i < databases.length; i += BATCH) {
      await readEveryTable(reader, databases.slice(i, i + BATCH), tables);
      growth.push(await sample(Math.min(databases.length, i + BATCH)));
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
  console.log(`  (restored: ${await cacheSettings(root)})`);
  return { growth, raisedSecond, heldByCaches };
}

function printGrowth(growth: Sample[]): void {
  console.log(
    `  ${'tenants read'.padEnd(13)} ${'Open_tables'.padStart(11)} ${'Opened_tables'.padStart(13)} ${'Open_table_defs'.padStart(15)} ${'their defs'.padStart(10)} ${'Innodb_num_open_files'.padStart(21)} ${'their .ibd open'.padStart(15)} ${'Open_files'.padStart(10)} ${'mysqld RSS'.padStart(11)}`,
  );
  for (const g of growth) {
    const s = g.status;
    console.log(
      `  ${String(g.tenants).padEnd(13)} ${String(s.Open_tables).padStart(11)} ${String(s.Opened_tables).padStart(13)} ${String(s.Open_table_definitions).padStart(15)} ${String(g.definitions).padStart(10)} ${String(s.Innodb_num_open_files).padStart(21)} ${String(g.files ?? '–').padStart(15)} ${String(s.Open_files).padStart(10)} ${(g.rss === undefined ? '–' : mib(g.rss)).padStart(11)}`,
    );
  }
}

/** Measures and prints section 2; returns the per-tenant memory the plan sizes mysqld with. */
export async function measureServerCaches(t: TenantsOnServer): Promise<CacheCosts> {
  const { root, databases, tables, tenantPrefix, onboarding } = t;
  const tenants = databases.length;
  console.log(
    `\n2. Table cache and open files: ${tenants} tenants × ${tables.length} tables = ${tenants * tables.length} tables, each read once`,
  );
  const reader = await connectOnce(t.url, undefined, true);
  t.defer(async () => reader.end());
  const pass = readPass(reader, databases, tables);
  console.log(`under this server's own caches (${await cacheSettings(root)}):`);
  await flushTables(root, databases, tables);
  await pass('first read of every table');
  const ownSecond = await pass('second read (what stayed cached)');
  console.log(`  definitions of these tenants still cached: ${await countOpenDefinitions(root, tenantPrefix)}`);

  const { growth, raisedSecond, heldByCaches } = await underComposeCaches(t, reader, pass);
  printGrowth(growth);
  const [first, last] = [growth[0], growth.at(-1)!];
  const perTenant = (f: (g: Sample) => number | undefined) => {
    const [a, b] = [f(first), f(last)];
    return a === undefined || b === undefined ? undefined : (b - a) / tenants;
  };
  const perTenantOpenTables = perTenant((g) => g.status.Open_tables)!;
  const perTenantDefinitions = perTenant((g) => g.definitions)!;
  const perTenantOpened = perTenant((g) => g.status.Opened_tables)!;
  const perTenantRss = perTenant((g) => g.rss);
  const heldSorted = [...heldByCaches].sort((a, b) => a - b);
  const perTenantCaches = heldSorted[Math.floor(heldSorted.length / 2)] / tenants;
  const perTenantDictionary = (onboarding.dictionaryAfter - onboarding.dictionaryBefore) / tenants;
  console.log(
    `  per tenant: Open_tables +${perTenantOpenTables.toFixed(1)}, Opened_tables +${perTenantOpened.toFixed(1)} (first read), its table definitions cached ${perTenantDefinitions.toFixed(1)}; ` +
      `Open_files +${perTenant((g) => g.status.Open_files)!.toFixed(2)} (InnoDB's files are not counted there)`,
  );
  if (last.files !== undefined)
    console.log(
      `  open .ibd files: ${tables.length} per tenant while all are open; mysqld holds ${last.files} of these ${tenants * tables.length} (${(last.files / tenants).toFixed(1)} a tenant): ` +
        `InnoDB opens them at CREATE TABLE and keeps them until innodb_open_files (${t.innodbOpenFiles}) makes it close the least recently used ` +
        `(Innodb_num_open_files ${onboarding.innodbFilesBefore} before onboarding, ${onboarding.innodbFilesAfter} after it, ${last.status.Innodb_num_open_files} now)`,
    );
  console.log(
    `  mysqld memory per tenant: its ${tables.length} tables in the table and definition caches ${kib(perTenantCaches)} (Memory_used released by FLUSH TABLES and taken back by a read, ` +
      `median of ${heldByCaches.length}: ${heldSorted.map((b) => kib(b)).join(', ')} for ${tenants} tenants), InnoDB dictionary ${kib(perTenantDictionary)} ` +
      `(“Dictionary memory allocated” before and after onboarding); mysqld's RSS moved ${perTenantRss === undefined ? '–' : kib(perTenantRss)} a tenant while they were read ` +
      `(freed memory is reused, so RSS barely shows it). Global figures: other clients move them too`,
  );
  if (onboarding.mysqldRssBefore)
    console.log(
      `  against this mysqld's RSS at start (${mib(onboarding.mysqldRssBefore)}, buffer pool included): one tenant's cached tables and dictionary are ${(((perTenantCaches + Math.max(0, perTenantDictionary)) / onboarding.mysqldRssBefore) * 100).toFixed(3)} %`,
    );
  console.log(
    `  second read of every table: ${ownSecond.ms.toFixed(0)} ms and ${ownSecond.opens.tables} re-opens under the server's own caches, ` +
      `${raisedSecond.ms.toFixed(0)} ms and ${raisedSecond.opens.tables} under the raised ones (${(ownSecond.ms / raisedSecond.ms).toFixed(2)}× the time)`,
  );
  return { perTenantCaches, perTenantDictionary };
}
