import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One versioned plain-SQL file. */
export interface Migration {
  /** The series it belongs to (`master`; a tenant's `base` and its vertical's): each is versioned on its own. */
  series: string;
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export type MigrationRef = Pick<Migration, 'series' | 'version'>;

/** What one version of a former single series became once its statements moved to several series. */
export interface SplitVersion {
  /** The checksum its file was recorded with. */
  checksum: string;
  /** The versions of the new series that now hold its statements. */
  became: MigrationRef[];
}

/** A single series that was split into several, by its versions (series-split.ts relabels old records through it). */
export type SeriesSplit = Readonly<Record<number, SplitVersion>>;

/** The version each series of a database stands at, e.g. `{ base: 3, carros: 2 }` (0: none applied). */
export type SchemaVersions = Record<string, number>;

/**
 * What a database is migrated with: its migrations in the order they run, one series after the
 * other (a later series may use an earlier one's tables, never the reverse), and for databases
 * whose bookkeeping predates series, what the versions they recorded then became.
 */
export interface MigrationPlan {
  migrations: Migration[];
  /** Omitted: the plan has one series, and versions recorded before series are its own, unchanged. */
  split?: SeriesSplit;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The series `NNNN_name.sql` in `dir`, ordered; gaps and duplicates are refused. */
export async function loadMigrations(dir: string, series: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE.exec(file);
    if (!match) throw new Error(`migration file name ${file} in ${dir} is not NNNN_name.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (version !== migrations.length + 1) throw new Error(`migration ${file} in ${dir}: expected version ${migrations.length + 1}`);
    migrations.push({ series, version, name: match[2], sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/** The last version of each series in `migrations`. */
export function latestVersions(migrations: Migration[]): SchemaVersions {
  const latest: SchemaVersions = {};
  for (const { series, version } of migrations) latest[series] = Math.max(latest[series] ?? 0, version);
  return latest;
}

/** Only a migration's place (not its SQL): what reports carry. */
export const migrationRef = ({ series, version }: MigrationRef): MigrationRef => ({ series, version });

export const sameMigration = (a: MigrationRef, b: MigrationRef): boolean => a.series === b.series && a.version === b.version;

/** `base 3`: how messages name a migration. */
export const describeMigration = (ref: MigrationRef): string => `${ref.series} ${ref.version}`;
