import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { connectOnce, createPool, type Pool, type RowDataPacket } from './pools';

describe('dates through the platform pools', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}dates`;
  let pool: Pool;

  type Row = RowDataPacket & { d: Date | null; dt: Date | null; dt3: Date | null; n: number; price: number };
  const readBoth = async (id: number) => {
    const sql = 'SELECT d, dt, dt3, n, price FROM t WHERE id = ?';
    const [[text]] = await pool.query<Row[]>(sql, [id]);
    const [[binary]] = await pool.execute<Row[]>(sql, [id]);
    return { text, binary };
  };

  beforeAll(async () => {
    const root = await connectOnce(testMysqlUrl());
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.end();
    pool = createPool(testMysqlUrl(), { database, connectionLimit: 2 });
    await pool.query(
      'CREATE TABLE t (id INT PRIMARY KEY, d DATE NULL, dt DATETIME NULL, dt3 DATETIME(3) NULL, n INT NOT NULL, price DECIMAL(10,2) NOT NULL)',
    );
  });
  afterAll(async () => {
    await pool.end();
    await dropScope(prefix);
  });

  // mysql2 alone reads 0050 as 1950 and 0001 as 1901 (binary protocol) or 2001 (text protocol).
  it.each([
    '0001-01-01T00:00:00.000Z',
    '0050-06-01T10:00:00.000Z',
    '0099-12-31T23:59:59.000Z',
    '1999-12-31T23:59:59.000Z',
    '2027-02-01T13:30:00.000Z',
    '9999-12-31T23:59:59.000Z',
  ])('reads %s back as the instant written, by query and by execute', async (instant) => {
    const id = Number(instant.slice(0, 4));
    await pool.query('INSERT INTO t (id, d, dt, dt3, n, price) VALUES (?, ?, ?, ?, 7, 12.5)', [
      id,
      instant.slice(0, 10),
      new Date(instant),
      new Date(instant),
    ]);
    for (const row of Object.values(await readBoth(id))) {
      expect([row.d?.toISOString(), row.dt?.toISOString(), row.dt3?.toISOString()]).toEqual([
        `${instant.slice(0, 10)}T00:00:00.000Z`,
        instant,
        instant,
      ]);
      expect([row.n, row.price]).toEqual([7, 12.5]);
    }
  });

  it('keeps milliseconds, and NULL stays null', async () => {
    await pool.query('INSERT INTO t (id, dt3, n, price) VALUES (-1, ?, 0, 0), (-2, NULL, 0, 0)', [new Date('0050-06-01T10:00:00.123Z')]);
    for (const row of Object.values(await readBoth(-1))) expect(row.dt3!.toISOString()).toBe('0050-06-01T10:00:00.123Z');
    for (const row of Object.values(await readBoth(-2))) expect([row.d, row.dt, row.dt3]).toEqual([null, null, null]);
  });
});
