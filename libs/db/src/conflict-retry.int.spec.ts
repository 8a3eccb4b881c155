import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { retryOnLockConflict } from './conflict-retry';
import { connectOnce, type RowDataPacket } from './pools';

type Connection = Awaited<ReturnType<typeof connectOnce>>;

describe('retryOnLockConflict', () => {
  const prefix = uniquePrefix();
  const table = `\`${prefix}locks\`.t`;
  let holder: Connection;
  let writer: Connection;

  beforeAll(async () => {
    holder = await connectOnce(testMysqlUrl());
    writer = await connectOnce(testMysqlUrl());
    await holder.query(`CREATE DATABASE \`${prefix}locks\``);
    await holder.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB`);
    await holder.query(`INSERT INTO ${table} VALUES (1, 0)`);
    await writer.query('SET SESSION innodb_lock_wait_timeout = 1');
  });
  afterAll(async () => {
    await Promise.all([holder.end(), writer.end()]);
    await dropScope(prefix);
  });

  /** The writer's transaction; its first run finds the row locked by `holder` until it times out. */
  const increment = (runs: { count: number }) => async () => {
    runs.count++;
    await writer.beginTransaction();
    try {
      await writer.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
      await writer.commit();
    } catch (error) {
      await writer.rollback();
      if (runs.count === 1) await holder.commit(); // the lock goes away before the next run
      throw error;
    }
  };

  it('runs a transaction that timed out waiting for a lock again only when asked to, and stops at the attempt limit', async () => {
    await holder.beginTransaction();
    await holder.query(`SELECT n FROM ${table} WHERE id = 1 FOR UPDATE`);
    const refused = { count: 0 };
    await expect(retryOnLockConflict(increment(refused), { attempts: 3 })).rejects.toMatchObject({ code: 'ER_LOCK_WAIT_TIMEOUT' });
    expect(refused.count).toBe(1);

    await holder.beginTransaction();
    await holder.query(`SELECT n FROM ${table} WHERE id = 1 FOR UPDATE`);
    const retried = { count: 0 };
    await retryOnLockConflict(increment(retried), { attempts: 3, lockWaitTimeouts: true });
    expect(retried.count).toBe(2);
    const [[row]] = await holder.query<(RowDataPacket & { n: number })[]>(`SELECT n FROM ${table} WHERE id = 1`);
    expect(row.n).toBe(1);

    await holder.beginTransaction();
    await holder.query(`SELECT n FROM ${table} WHERE id = 1 FOR UPDATE`);
    const limited = { count: 0 };
    await expect(retryOnLockConflict(increment(limited), { attempts: 1, lockWaitTimeouts: true })).rejects.toMatchObject({
      code: 'ER_LOCK_WAIT_TIMEOUT',
    });
    expect(limited.count).toBe(1);
  });
});
