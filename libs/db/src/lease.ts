import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import { quoteIdentifier, UnsafeIdentifierError } from './identifiers';

/**
 * Leases: "one at a time" kept in a table rather than in `GET_LOCK`, whose named locks belong to one
 * server (under Galera, two masters on two nodes could both hold "the same" one). A row per name:
 * taken by inserting it (or by taking over a row whose lease has expired), renewed while its work
 * runs, deleted when it ends. A holder that dies stops renewing, and its row expires by itself.
 * Times are the server's (UTC_TIMESTAMP), so the holders' clocks do not matter.
 */

/** A pool or a connection: every lease statement is one autocommitted statement. */
export type LeaseDb = Pick<Connection, 'query'>;

export interface LeaseSpec {
  /** The table of leases (`leaseTableSql`'s shape); in `database` when given, else in the connection's. */
  table: string;
  database?: string;
  /** What is leased: one holder at a time per name. */
  name: string;
  /** How long the lease lasts unless renewed; renewed every third of it while the work runs. */
  seconds: number;
}

/** Code constants, yet checked: bookkeeping tables start with `_`, which quoteIdentifier refuses. */
const TABLE = /^_?[a-z][a-z0-9_]{0,62}$/;

function tableRef({ table, database }: Pick<LeaseSpec, 'table' | 'database'>): string {
  if (!TABLE.test(table)) throw new UnsafeIdentifierError('table', table);
  return `${database ? `${quoteIdentifier(database)}.` : ''}\`${table}\``;
}

/** The table's shape, for a migration or a runner that needs it before any migration (IF NOT EXISTS). */
export function leaseTableSql(spec: Pick<LeaseSpec, 'table' | 'database'>): string {
  return `CREATE TABLE IF NOT EXISTS ${tableRef(spec)} (
  name VARCHAR(100) NOT NULL,
  holder VARCHAR(120) NOT NULL,
  taken_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}

/** Unique per take (two takes in one process exclude each other too); host and pid tell an operator whose it is. */
export function newLeaseHolder(): string {
  return `${os.hostname().slice(0, 60)}/${process.pid}/${randomBytes(8).toString('hex')}`;
}

const EXPIRES = 'UTC_TIMESTAMP(3) + INTERVAL ? SECOND';

/**
 * Under Galera two nodes taking one name at once: the loser's commit fails certification
 * (ER_LOCK_DEADLOCK), or it sees the winner's row (ER_DUP_ENTRY). Either way: not taken this time.
 */
const LOST_RACE = new Set(['ER_DUP_ENTRY', 'ER_LOCK_DEADLOCK']);
const lostRace = (error: unknown) => LOST_RACE.has((error as { code?: string } | null)?.code ?? '');

async function affected(db: LeaseDb, sql: string, values: unknown[]): Promise<number> {
  const [result] = await db.query<ResultSetHeader>(sql, values);
  return result.affectedRows;
}

/**
 * One try: inserts the row, or takes over an expired one. Each statement commits on its own, so a
 * row counted as written is one the server (the cluster) accepted. A row already `holder`'s is
 * taken too: an insert that committed but whose answer was lost, then sent again (by a pool that
 * fails over), finds its own row. False: someone else holds it.
 */
export async function takeLease(db: LeaseDb, spec: LeaseSpec, holder: string): Promise<boolean> {
  const table = tableRef(spec);
  try {
    await db.query(`INSERT INTO ${table} (name, holder, taken_at, expires_at) VALUES (?, ?, UTC_TIMESTAMP(3), ${EXPIRES})`, [
      spec.name,
      holder,
      spec.seconds,
    ]);
    return true;
  } catch (error) {
    if (!lostRace(error)) throw error;
  }
  try {
    const sql = `UPDATE ${table} SET holder = ?, taken_at = UTC_TIMESTAMP(3), expires_at = ${EXPIRES} WHERE name = ? AND (expires_at < UTC_TIMESTAMP(3) OR holder = ?)`;
    return (await affected(db, sql, [holder, spec.seconds, spec.name, holder])) === 1;
  } catch (error) {
    if (lostRace(error)) return false;
    throw error;
  }
}

/** Pushes the expiry on; false when the lease is no longer `holder`'s (it expired and was taken over). */
export async function renewLease(db: LeaseDb, spec: LeaseSpec, holder: string): Promise<boolean> {
  const sql = `UPDATE ${tableRef(spec)} SET expires_at = ${EXPIRES} WHERE name = ? AND holder = ?`;
  try {
    return (await affected(db, sql, [spec.seconds, spec.name, holder])) === 1;
  } catch (error) {
    // A certification conflict with someone taking it over: whether it is still ours, the next renewal says.
    if (lostRace(error)) return true;
    throw error;
  }
}

/** Frees it at once (only `holder`'s row: a lease taken over since is left to its new holder). */
export async function releaseLease(db: LeaseDb, spec: LeaseSpec, holder: string): Promise<void> {
  await db.query(`DELETE FROM ${tableRef(spec)} WHERE name = ? AND holder = ?`, [spec.name, holder]);
}

export interface LeaseOptions {
  /** Thrown when the lease is held by someone else (after `waitMs`, if given). */
  busy: () => Error;
  /** How long to keep trying while someone holds it; 0 or omitted: give up at once. */
  waitMs?: number;
  /** Between tries while waiting. */
  pollMs?: number;
}

/**
 * Runs `work` holding the lease, renewed every third of its length until `work` settles, then
 * released. `work`'s signal aborts if a renewal finds the lease lost (the holder stalled past its
 * expiry and someone took it over): work with steps should stop at the next one. A renewal that
 * fails (the server unreachable) is tried again at the next tick; a failed release is left to expire.
 */
export async function withLease<T>(
  db: LeaseDb,
  spec: LeaseSpec,
  options: LeaseOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const holder = newLeaseHolder();
  const deadline = Date.now() + (options.waitMs ?? 0);
  while (!(await takeLease(db, spec, holder))) {
    if (Date.now() >= deadline) throw options.busy();
    await sleep(Math.min((options.pollMs ?? 250) * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
  }
  const lost = new AbortController();
  let renewal: Promise<void> | undefined;
  const timer = setInterval(
    () => {
      renewal ??= renewLease(db, spec, holder)
        .then(
          (held) => {
            if (held) return;
            clearInterval(timer);
            lost.abort(new Error(`lease ${spec.name} lost: it expired and was taken over`));
          },
          () => undefined,
        )
        .finally(() => (renewal = undefined));
    },
    (spec.seconds * 1000) / 3,
  );
  try {
    return await work(lost.signal);
  } finally {
    clearInterval(timer);
    await renewal;
    await releaseLease(db, spec, holder).catch(() => undefined);
  }
}
