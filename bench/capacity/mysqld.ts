/** The MySQL server under measurement: its settings, global counters, and its process as seen from /proc. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { connectOnce, RowDataPacket } from '@helix/db';
import { GiB, KiB, loadAverage, mib } from './format';

export type Root = Awaited<ReturnType<typeof connectOnce>>;

export async function one(root: Root, sql: string, params: unknown[] = []): Promise<RowDataPacket> {
  const [[row]] = await root.query<RowDataPacket[]>(sql, params);
  return row;
}

export async function globalStatus(root: Root): Promise<Record<string, number>> {
  const [rows] = await root.query<RowDataPacket[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('Open_tables', 'Opened_tables', 'Open_table_definitions',
       'Opened_table_definitions', 'Innodb_num_open_files', 'Open_files', 'Memory_used')`,
  );
  return Object.fromEntries(rows.map((row) => [row.Variable_name, Number(row.Value)]));
}

/** InnoDB's data dictionary cache (table, column and index definitions), from SHOW ENGINE INNODB STATUS. */
export async function innodbDictionaryMemory(root: Root): Promise<number> {
  const status = String((await one(root, 'SHOW ENGINE INNODB STATUS')).Status);
  return Number(/Dictionary memory allocated (\d+)/.exec(status)?.[1] ?? NaN);
}

/** The settings that size what tenants cost (and where its files and pid are). */
export const serverSettings = (root: Root) =>
  one(
    root,
    `SELECT VERSION() AS version, @@datadir AS datadir, @@pid_file AS pidFile, @@innodb_file_per_table AS filePerTable,
            @@table_open_cache AS tableOpenCache, @@table_definition_cache AS tableDefinitionCache,
            @@table_open_cache_instances AS cacheInstances, @@open_files_limit AS openFilesLimit,
            @@innodb_open_files AS innodbOpenFiles, @@max_connections AS maxConnections,
            @@innodb_buffer_pool_size AS bufferPool, @@innodb_page_size AS pageSize`,
  );

/** The report's header: this machine, its load, and the server's settings. */
export function describeServer(server: RowDataPacket, mysqld: MysqldProcess | undefined, tenants: number): void {
  console.log(`bench:capacity — ${tenants} tenants, ${os.cpus().length} cores, ${(os.totalmem() / GiB).toFixed(1)} GiB RAM`);
  console.log(`load average at start: ${loadAverage()} (the machine is shared: the global counters below include other clients)`);
  console.log(
    `mysqld ${server.version}: datadir ${server.datadir}, file-per-table ${server.filePerTable ? 'on' : 'OFF'}, table_open_cache ${server.tableOpenCache} ` +
      `(${server.cacheInstances} instances), table_definition_cache ${server.tableDefinitionCache}, innodb_open_files ${server.innodbOpenFiles}, ` +
      `open_files_limit ${server.openFilesLimit}, max_connections ${server.maxConnections}, buffer pool ${mib(Number(server.bufferPool))}` +
      (mysqld ? '' : ' (its /proc is not readable here: no file or RSS figures)'),
  );
}

export type MysqldProcess = NonNullable<ReturnType<typeof mysqldProcess>>;

/** mysqld as seen from /proc, when it runs on this machine and this user may look (else undefined). */
export function mysqldProcess(pidFile: string, datadir: string) {
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
