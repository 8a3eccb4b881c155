import { connectOnce, type RowDataPacket } from '@helix/db';
import {
  dropNames,
  namesStartingWith,
  newRunId,
  runOfName,
  TEST_PREFIX_ROOT,
  withRoot,
  type RootConnection,
  type ScopeNames,
} from './test-scope';

/** Run ids are short: a few random tries find one that no live run holds. */
const CLAIM_TRIES = 100;
/** MySQL's maximum: the lock's connection sits idle for the whole run and must not be timed out. */
const IDLE_FOR_A_YEAR = 'SET SESSION wait_timeout = 31536000';

/** The MySQL named lock a live run holds on a connection kept open until it ends: free means the run is gone. */
export const runLockName = (runId: string): string => `${TEST_PREFIX_ROOT}_run_${runId}`;

export interface TestRun {
  id: string;
  /** Drops what the run made and frees its id (once, however often it is called). */
  end(): Promise<void>;
}

/**
 * Claims a run id no live run holds. Names already carrying that id are a dead run's (it no longer
 * holds the lock), so they are dropped before this run makes its own.
 */
export async function startTestRun(url: string): Promise<TestRun> {
  const connection = await connectOnce(url);
  try {
    await connection.query(IDLE_FOR_A_YEAR);
    const id = await claimFreeId(connection);
    await dropRunNames(connection, id);
    const finish = async () => {
      try {
        await dropRunNames(connection, id);
      } finally {
        await connection.end(); // the lock goes with its connection
      }
    };
    let ended: Promise<void> | undefined;
    return { id, end: () => (ended ??= finish()) };
  } catch (error) {
    connection.destroy();
    throw error;
  }
}

/**
 * Drops what runs that are provably dead left behind: a run's names go only when this connection
 * can take the run's lock, and it holds the lock meanwhile, so no new run takes that id halfway.
 * Names no run owns (made outside jest) are never touched. Returns the ids of the runs dropped.
 */
export async function dropDeadRuns(url: string): Promise<string[]> {
  return withRoot(url, async (connection) => {
    const names = await namesStartingWith(connection, TEST_PREFIX_ROOT);
    const runs = new Set(
      [...names.databases, ...names.accounts.map((account) => account.user)].map(runOfName).filter((id) => id !== undefined),
    );
    const dropped: string[] = [];
    for (const id of runs) {
      if (!(await lock(connection, id))) continue;
      try {
        await dropRunNames(connection, id);
        dropped.push(id);
      } finally {
        await connection.query('SELECT RELEASE_LOCK(?)', [runLockName(id)]);
      }
    }
    return dropped;
  });
}

async function claimFreeId(connection: RootConnection): Promise<string> {
  for (let i = 0; i < CLAIM_TRIES; i++) {
    const id = newRunId();
    if (await lock(connection, id)) return id;
  }
  throw new Error(`no free test run id after ${CLAIM_TRIES} tries: are that many test runs alive on this server?`);
}

/** Takes the run's lock without waiting: false when a live run holds it. */
async function lock(connection: RootConnection, runId: string): Promise<boolean> {
  const [[row]] = await connection.query<(RowDataPacket & { taken: number | null })[]>('SELECT GET_LOCK(?, 0) AS taken', [
    runLockName(runId),
  ]);
  return row.taken === 1;
}

/** The run's names, read again under its lock: only names of this run's shape, never another prefix that merely starts alike. */
async function dropRunNames(connection: RootConnection, runId: string): Promise<void> {
  const names = await namesStartingWith(connection, `${TEST_PREFIX_ROOT}${runId}`);
  const ofRun: ScopeNames = {
    databases: names.databases.filter((name) => runOfName(name) === runId),
    accounts: names.accounts.filter((account) => runOfName(account.user) === runId),
  };
  await dropNames(connection, ofRun);
}
