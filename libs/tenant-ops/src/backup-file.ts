import { createReadStream, createWriteStream } from 'node:fs';
import { access, link, open, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { ROBOT_VERTICALS, TENANT_KEY_PATTERN } from '@helix/contracts';
import { connectOnce, formatMysqlUrl, quoteCatalogName, quoteIdentifier, type MysqlServer } from '@helix/db';
import type { Connection } from 'mysql2/promise';
import { z } from 'zod';
import { builtinDump } from './builtin-dumper';
import { findDumpProgram, runDumpProgram } from './dump-tool';
import { tableChecksums } from './table-checksums';
import { describeTables } from './table-shapes';
import { TenantOpsError, TenantOpsErrorCode, errorMessage } from './tenant-ops.error';

/** First line of every backup: a SQL comment (loaders skip it) carrying what restore verifies. */
const HEADER_PREFIX = '-- helix-backup ';

const headerSchema = z.object({
  format: z.literal(1),
  source_database: z.string(),
  tenant_key: z.string().regex(TENANT_KEY_PATTERN).nullable(),
  nome: z.string().nullable(),
  robo_tipo: z.enum(ROBOT_VERTICALS).nullable(),
  /** Per series (`{ base: 3, carros: 2 }`); one number in backups made before the base series. */
  schema_version: z.union([z.record(z.string(), z.number().int().min(0)), z.number().int().min(0)]),
  created_at: z.string(),
  dumper: z.string(),
  tables: z.record(z.string(), z.object({ rows: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupHeader = z.infer<typeof headerSchema>;

/** `program`: a mysqldump/mariadb-dump path, or 'builtin'. */
export type DumpChoice = string | 'builtin';

/**
 * Writes a logical dump of `database` to `file`, all or nothing: into `<file>.partial` (mode 0600:
 * customer data), synced, then linked to `file`, which must not exist yet. The per-table checksums
 * in the header and the dump come from one state of the data: the tenant's tables are held under a
 * READ lock meanwhile (its writes wait; reads and every other tenant go on).
 */
export async function writeBackup(
  server: MysqlServer,
  database: string,
  file: string,
  meta: Pick<BackupHeader, 'tenant_key' | 'nome' | 'robo_tipo' | 'schema_version'>,
  dumper: DumpChoice = findDumpProgram() ?? 'builtin',
): Promise<BackupHeader> {
  if (await exists(file))
    throw new TenantOpsError(TenantOpsErrorCode.BACKUP_FILE_EXISTS, `O arquivo ${file} já existe; escolha outro destino.`);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  await once(out, 'open');
  const lock = await connectOnce(formatMysqlUrl(server));
  try {
    const header = await freezeAndDump(lock, server, database, out, meta, dumper);
    out.end();
    await once(out, 'close');
    await syncFile(partial);
    await link(partial, file);
    await unlink(partial);
    return header;
  } catch (error) {
    out.destroy();
    await unlink(partial).catch(() => undefined);
    if (error instanceof TenantOpsError) throw error;
    throw new TenantOpsError(TenantOpsErrorCode.DUMP_FAILED, `Falha ao gerar o backup de ${database}: ${errorMessage(error)}`, undefined, {
      cause: error,
    });
  } finally {
    await lock.end().catch(() => undefined);
  }
}

async function freezeAndDump(
  lock: Connection,
  server: MysqlServer,
  database: string,
  out: Writable,
  meta: Pick<BackupHeader, 'tenant_key' | 'nome' | 'robo_tipo' | 'schema_version'>,
  dumper: DumpChoice,
): Promise<BackupHeader> {
  // A writer holding a long transaction must not stall the backup for a day (the server default).
  await lock.query('SET SESSION lock_wait_timeout = 30');
  const tables = await describeTables(lock, database);
  if (tables.length > 0) {
    await lock.query(`LOCK TABLES ${tables.map((t) => `${quoteIdentifier(database)}.${quoteCatalogName(t.name)} READ`).join(', ')}`);
  }
  try {
    const header: BackupHeader = {
      format: 1,
      source_database: database,
      ...meta,
      created_at: new Date().toISOString(),
      dumper: dumper === 'builtin' ? 'builtin' : dumper.split('/').pop()!,
      tables: await tableChecksums(lock, database),
    };
    out.write(`${HEADER_PREFIX}${JSON.stringify(header)}\n`);
    await dumpSql(server, database, out, dumper);
    return header;
  } finally {
    await lock.query('UNLOCK TABLES');
  }
}

/** The SQL of `database` (or some of its tables) from one consistent snapshot, without locking anything. */
async function dumpSql(
  server: MysqlServer,
  database: string,
  out: Writable,
  dumper: DumpChoice,
  tables?: readonly string[],
): Promise<void> {
  if (dumper !== 'builtin') return runDumpProgram(dumper, server, database, out, tables);
  const reader = await connectOnce(formatMysqlUrl(server));
  try {
    await builtinDump(reader, database, out, tables);
  } finally {
    await reader.end();
  }
}

/**
 * A dump for copying, not for keeping: no header and no table locks, so the tenant's writes go on
 * meanwhile (a move verifies the copy against the frozen original afterwards).
 */
export async function dumpToFile(server: MysqlServer, database: string, file: string, tables?: readonly string[]): Promise<void> {
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  await once(out, 'open');
  try {
    await dumpSql(server, database, out, findDumpProgram() ?? 'builtin', tables);
    out.end();
    await once(out, 'close');
  } catch (error) {
    out.destroy();
    throw new TenantOpsError(TenantOpsErrorCode.DUMP_FAILED, `Falha ao copiar ${database}: ${errorMessage(error)}`, undefined, {
      cause: error,
    });
  }
}

/** The header of a backup file, validated; BACKUP_FILE_INVALID when it is not one. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  let first: string | undefined;
  try {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', end: 4 * 1024 * 1024 }), crlfDelay: Infinity });
    for await (const line of lines) {
      first = line;
      break;
    }
    lines.close();
  } catch (error) {
    throw new TenantOpsError(TenantOpsErrorCode.BACKUP_FILE_INVALID, `Não foi possível ler ${file}: ${errorMessage(error)}`);
  }
  const parsed = first?.startsWith(HEADER_PREFIX) ? headerSchema.safeParse(safeJson(first.slice(HEADER_PREFIX.length))) : undefined;
  if (!parsed?.success)
    throw new TenantOpsError(TenantOpsErrorCode.BACKUP_FILE_INVALID, `${file} não é um backup do helix (cabeçalho ausente ou inválido).`);
  return parsed.data;
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** On disk before it is published under its final name: a crash never leaves a truncated backup there. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
