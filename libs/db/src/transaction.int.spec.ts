import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { connectOnce, createPool, type Pool, type PoolConnection, type RowDataPacket } from './pools';
import { withTransaction } from './transaction';

describe('withTransaction', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}tx`;
  let pool: Pool;

  const balances = async () => {
    const [rows] = await pool.query<(RowDataPacket & { id: number; n: number })[]>('SELECT id, n FROM t ORDER BY id');
    return rows.map((row) => row.n);
  };
  const add = (connection: PoolConnection, id: number) => connection.query('UPDATE t SET n = n + 1 WHERE id = ?', [id]);

  beforeAll(async () => {
    const root = await connectOnce(testMysqlUrl());
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.end();
    pool = createPool(testMysqlUrl(), { database, connectionLimit: 2 });
    await pool.query('CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
  });
  beforeEach(async () => {
    await pool.query('DELETE FROM t');
    await pool.query('INSERT INTO t VALUES (1, 0), (2, 0)');
  });
  afterAll(async () => {
    await pool.end();
    await dropScope(prefix);
  });

  it('commits what the work did and returns its result', async () => {
    await expect(withTransaction(pool, async (connection) => (await add(connection, 1), 'feito'))).resolves.toBe('feito');
    expect(await balances()).toEqual([1, 0]);
  });

  it('rolls back and rethrows when the work fails, and gives its connection back every time', async () => {
    for (let i = 0; i < 5; i++) {
      const failing = withTransaction(pool, async (connection) => {
        await add(connection, 1);
        throw new Error('falhou');
      });
      await expect(failing).rejects.toThrow('falhou');
    }
    expect(await balances()).toEqual([0, 0]);
    // Two connections in the pool: a leaked one would leave these waiting forever.
    await Promise.all([withTransaction(pool, (c) => add(c, 1)), withTransaction(pool, (c) => add(c, 2))]);
    expect(await balances()).toEqual([1, 1]);
  });

  it("runs the deadlock's victim again from BEGIN, so both transactions take effect once", async () => {
    let runs = 0;
    let firstLocks = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    // Opposite lock order on their first run: InnoDB must pick one of them as the victim.
    const crossing = (first: number, second: number) => async (connection: PoolConnection) => {
      runs++;
      await add(connection, first);
      if (++firstLocks === 2) bothLocked();
      await barrier;
      await add(connection, second);
    };
    await Promise.all([withTransaction(pool, crossing(1, 2)), withTransaction(pool, crossing(2, 1))]);
    expect(runs).toBe(3);
    expect(await balances()).toEqual([2, 2]);
  });

  it('stops at the attempt limit the caller chose', async () => {
    let runs = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });
    const alwaysVictim = withTransaction(
      pool,
      async (connection) => {
        runs++;
        await add(connection, 1);
        throw deadlock;
      },
      { attempts: 2 },
    );
    await expect(alwaysVictim).rejects.toBe(deadlock);
    expect(runs).toBe(2);
    expect(await balances()).toEqual([0, 0]);
  });
});
