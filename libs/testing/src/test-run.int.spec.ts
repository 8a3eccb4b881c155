import { randomBytes } from 'node:crypto';
import { sqlNamePrefix } from '@helix/config';
import { quoteAccount, quoteIdentifier, type RowDataPacket } from '@helix/db';
import { eventually } from './eventually';
import { dropDeadRuns, runLockName, startTestRun, type TestRun } from './test-run';
import { databasesLike, dropScope, rootSql, runOfName, TEST_RUN_ENV, testMysqlUrl, uniquePrefix, usersLike } from './test-scope';

/** A database and a user under `prefix`, as a test file makes them. */
async function makeNames(prefix: string): Promise<void> {
  await rootSql(`CREATE DATABASE ${quoteIdentifier(`${prefix}db`)}`);
  await rootSql(`CREATE USER ${quoteAccount(`${prefix}u`, '%')} IDENTIFIED BY 'x'`);
}

const namesOf = async (prefix: string) => [...(await databasesLike(prefix)), ...(await usersLike(prefix))];

const lockIsFree = async (run: TestRun) =>
  (await rootSql<(RowDataPacket & { free: number })[]>('SELECT IS_FREE_LOCK(?) AS free', [runLockName(run.id)]))[0].free === 1;

/** What a crash does to a run: its connection, and with it the lock, goes away without its teardown. */
async function crash(run: TestRun): Promise<void> {
  const [{ holder }] = await rootSql<(RowDataPacket & { holder: number })[]>('SELECT IS_USED_LOCK(?) AS holder', [runLockName(run.id)]);
  await rootSql('KILL CONNECTION ?', [holder]);
  await eventually(() => lockIsFree(run), 5_000, 'the killed run lock freed');
}

describe('test run prefixes', () => {
  it("gives a jest run's test files 12-character prefixes carrying the run's id, valid as TENANT_DB_PREFIX", () => {
    const prefix = uniquePrefix('k7');
    expect(prefix).toMatch(/^hxtk7[a-z0-9]{6}_$/);
    expect(sqlNamePrefix.safeParse(prefix).success).toBe(true);
    expect(runOfName(`${prefix}carros_loja`)).toBe('k7');
    expect(uniquePrefix('k7')).not.toBe(prefix);
  });

  it('gives code outside a jest run (benchmarks) a prefix no run owns', () => {
    const run = process.env[TEST_RUN_ENV];
    delete process.env[TEST_RUN_ENV];
    try {
      const prefix = uniquePrefix();
      expect(prefix).toMatch(/^hxt_[a-z0-9]{7}_$/);
      expect(sqlNamePrefix.safeParse(prefix).success).toBe(true);
      expect(runOfName(`${prefix}master`)).toBeUndefined();
    } finally {
      if (run !== undefined) process.env[TEST_RUN_ENV] = run;
    }
  });
});

describe('cleaning up after test runs', () => {
  const random = (length: number) => randomBytes(length).toString('hex').slice(0, length);
  /** Names no run owns: made outside jest, and by the code before runs had ids (`hxt` + 6 + `_`). */
  const unowned = [`hxt_${random(7)}_`, `hxt${random(6)}_`];

  it('drops what a dead run left, keeps what a live run and code outside runs made, and a run drops its own at its end', async () => {
    const live = await startTestRun(testMysqlUrl());
    const crashed = await startTestRun(testMysqlUrl());
    const [livePrefix, crashedPrefix] = [uniquePrefix(live.id), uniquePrefix(crashed.id)];
    try {
      for (const prefix of [livePrefix, crashedPrefix, ...unowned]) await makeNames(prefix);
      await crash(crashed);

      expect(await dropDeadRuns(testMysqlUrl())).toContain(crashed.id);
      expect(await namesOf(crashedPrefix)).toEqual([]);
      expect(await namesOf(livePrefix)).toHaveLength(2);
      for (const prefix of unowned) expect(await namesOf(prefix)).toHaveLength(2);

      await live.end();
      expect(await namesOf(livePrefix)).toEqual([]);
      expect(await lockIsFree(live)).toBe(true);
      for (const prefix of unowned) expect(await namesOf(prefix)).toHaveLength(2);
    } finally {
      await live.end();
      for (const prefix of [livePrefix, crashedPrefix, ...unowned]) await dropScope(prefix);
    }
  });

  it("never gives a live run's id to another run", async () => {
    const runs = await Promise.all(Array.from({ length: 20 }, () => startTestRun(testMysqlUrl())));
    try {
      expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    } finally {
      await Promise.all(runs.map((run) => run.end()));
    }
  });
});
