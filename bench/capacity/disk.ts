/**
 * Section 1 of bench:capacity: the disk one tenant takes, empty and with a stock of cars, as
 * information_schema reports it and as its files in the datadir actually occupy it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { quoteCatalogName, quoteIdentifier } from '@helix/db';
import { kib, mib } from './format';
import { one, type Root } from './mysqld';
import { CARS, insertCars } from './stock';

interface Usage {
  apparent: number;
  allocated: number;
}

const sum = (usages: Usage[]): Usage =>
  usages.reduce((total, u) => ({ apparent: total.apparent + u.apparent, allocated: total.allocated + u.allocated }), {
    apparent: 0,
    allocated: 0,
  });

/** Size of a file or a directory's files: as written (apparent) and as allocated on disk. */
function diskUsage(target: string): Usage {
  const stat = statSync(target);
  if (!stat.isDirectory()) return { apparent: stat.size, allocated: stat.blocks * 512 };
  return sum(readdirSync(target).map((entry) => diskUsage(path.join(target, entry))));
}

export interface TenantDisk {
  /** information_schema: data_length + index_length over the database's tables (after ANALYZE). */
  reported: number;
  ibd: Usage;
  /** Every file of the database's directory (.ibd, .frm, db.opt). */
  directory: Usage;
}

/** ANALYZE first: information_schema's lengths are estimates that lag behind the inserts until then. */
async function tenantDisk(root: Root, datadir: string, database: string, tables: string[]): Promise<TenantDisk> {
  await root.query(`ANALYZE TABLE ${tables.map((t) => `${quoteIdentifier(database)}.${quoteCatalogName(t)}`).join(', ')}`);
  const row = await one(
    root,
    'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ? AND table_name IN (?)',
    [database, tables],
  );
  const directory = path.join(datadir, database);
  const ibd = sum(
    readdirSync(directory)
      .filter((file) => file.endsWith('.ibd'))
      .map((file) => diskUsage(path.join(directory, file))),
  );
  return { reported: Number(row.bytes), ibd, directory: diskUsage(directory) };
}

/** What the server occupies before any tenant (shared tablespace, redo log, system schemas): the yardstick for one tenant. */
function serverOwnFiles(datadir: string): number {
  return ['ibdata1', 'ib_logfile0', 'ibtmp1', 'mysql', 'sys', 'performance_schema']
    .filter((entry) => {
      try {
        return Boolean(statSync(path.join(datadir, entry)));
      } catch {
        return false;
      }
    })
    .map((entry) => diskUsage(path.join(datadir, entry)).allocated)
    .reduce((a, b) => a + b, 0);
}

/** Measures and prints one tenant's disk, empty then with CARS cars (inserted into `database`, dropped with it). */
export async function measureTenantDisk(
  root: Root,
  datadir: string,
  database: string,
  tables: string[],
): Promise<{ empty: TenantDisk; full: TenantDisk }> {
  console.log('\n1. Disk');
  const own = serverOwnFiles(datadir);
  const empty = await tenantDisk(root, datadir, database, tables);
  const insertStarted = Date.now();
  await insertCars(root, database);
  const insertMs = Date.now() - insertStarted;
  const full = await tenantDisk(root, datadir, database, tables);
  const cars = await tenantDisk(root, datadir, database, ['cars']);
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
  return { empty, full };
}
