import { dropScope, eventually, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { leaseTableSql, newLeaseHolder, releaseLease, renewLease, takeLease, withLease, type LeaseSpec } from './lease';
import { connectOnce, createPool, type Pool, type RowDataPacket } from './pools';

describe('leases', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}lease`;
  // Two pools: two processes (two masters) on the same database.
  let first: Pool;
  let second: Pool;
  let spec: LeaseSpec;
  let specs = 0;
  /** A fresh name per test, so one test's leftovers never meet another. */
  const leaseOf = (seconds: number): LeaseSpec => ({ table: '_leases', database, name: `tarefa_${++specs}`, seconds });
  const busy = () => new Error('ocupado');

  const rowOf = async (lease: LeaseSpec) => {
    const [rows] = await first.query<RowDataPacket[]>(
      `SELECT holder, expires_at < UTC_TIMESTAMP(3) AS expired FROM \`${database}\`._leases WHERE name = ?`,
      [lease.name],
    );
    return rows[0] as { holder: string; expired: number } | undefined;
  };
  /** By the server's clock, which is the one leases are read by. */
  const expired = async (lease: LeaseSpec) => (await rowOf(lease))?.expired === 1;

  beforeAll(async () => {
    const root = await connectOnce(testMysqlUrl());
    await root.query(`CREATE DATABASE \`${database}\``);
    await root.end();
    first = createPool(testMysqlUrl(), { connectionLimit: 3 });
    second = createPool(testMysqlUrl(), { connectionLimit: 3 });
    await first.query(leaseTableSql({ table: '_leases', database }));
    // Made twice (two runners starting): the second is a no-op.
    await second.query(leaseTableSql({ table: '_leases', database }));
  });
  beforeEach(() => {
    spec = leaseOf(30);
  });
  afterAll(async () => {
    await Promise.all([first.end(), second.end()]);
    await dropScope(prefix);
  });

  it('gives one of many concurrent takers the lease, on either pool', async () => {
    const holders = Array.from({ length: 8 }, () => newLeaseHolder());
    const taken = await Promise.all(holders.map((holder, i) => takeLease(i % 2 ? second : first, spec, holder)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect((await rowOf(spec))?.holder).toBe(holders[taken.indexOf(true)]);
    // Its own row again (an insert sent twice by a pool failing over): still its own.
    expect(await takeLease(first, spec, holders[taken.indexOf(true)])).toBe(true);
  });

  it('frees the lease at once when the work ends, whether it succeeded or failed', async () => {
    await expect(withLease(first, spec, { busy }, async () => 'feito')).resolves.toBe('feito');
    expect(await rowOf(spec)).toBeUndefined();
    await expect(
      withLease(first, spec, { busy }, async () => {
        throw new Error('falhou');
      }),
    ).rejects.toThrow('falhou');
    expect(await rowOf(spec)).toBeUndefined();
    await expect(withLease(second, spec, { busy }, async () => 'de novo')).resolves.toBe('de novo');
  });

  it('refuses a second holder at once, or lets it wait until the first releases', async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const firstRun = withLease(first, spec, { busy }, async () => (started(), await holding, 'primeiro'));
    await running;

    await expect(withLease(second, spec, { busy }, async () => 'nunca')).rejects.toThrow('ocupado');
    const waiting = withLease(second, spec, { busy, waitMs: 30_000, pollMs: 50 }, async () => 'depois');
    setTimeout(release, 300);
    expect(await Promise.all([firstRun, waiting])).toEqual(['primeiro', 'depois']);
  });

  it("lets another take the lease of a holder that died once it expires, and the dead holder's renewal and release then do nothing", async () => {
    const short = leaseOf(2);
    const dead = newLeaseHolder();
    // What a process that died holding it leaves: a row nobody renews, its connections gone.
    const doomed = createPool(testMysqlUrl(), { connectionLimit: 1 });
    expect(await takeLease(doomed, short, dead)).toBe(true);
    await doomed.end();

    const other = newLeaseHolder();
    if (!(await expired(short))) expect(await takeLease(second, short, other)).toBe(false);
    await eventually(() => expired(short), 10_000, 'the dead holder’s lease expired');
    expect(await takeLease(second, short, other)).toBe(true);
    expect(await renewLease(first, short, dead)).toBe(false);
    await releaseLease(first, short, dead);
    expect((await rowOf(short))?.holder).toBe(other);
  });

  it("renews a running work's lease past its length, so nobody takes it meanwhile", async () => {
    const short = leaseOf(3);
    const [[{ firstExpiry }]] = await first.query<RowDataPacket[]>('SELECT UTC_TIMESTAMP(3) + INTERVAL 3 SECOND AS firstExpiry');
    const outcome = await withLease(first, short, { busy }, async (lost) => {
      // Past the expiry the lease had when taken (by the server's clock): only renewals keep it.
      await eventually(
        async () =>
          (await first.query<RowDataPacket[]>('SELECT UTC_TIMESTAMP(3) > ? + INTERVAL 1 SECOND AS past', [firstExpiry]))[0][0].past === 1,
        15_000,
        'the first expiry passed',
      );
      const contender = await withLease(second, short, { busy }, async () => 'tomado').catch((error: Error) => error.message);
      return { contender, lost: lost.aborted, expired: await expired(short) };
    });
    expect(outcome).toEqual({ contender: 'ocupado', lost: false, expired: false });
  }, 30_000);

  it("aborts the work's signal when a renewal finds the lease taken over", async () => {
    const short = leaseOf(3);
    const reason = await withLease(first, short, { busy }, async (lost) => {
      // As if this holder had stalled past its expiry and another had taken over.
      await first.query(`UPDATE \`${database}\`._leases SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE name = ?`, [
        short.name,
      ]);
      expect(await takeLease(second, short, newLeaseHolder())).toBe(true);
      await eventually(async () => lost.aborted, 15_000, 'the signal aborted');
      return (lost.reason as Error).message;
    });
    expect(reason).toMatch(/lease tarefa_\d+ lost/);
    // The release left the new holder's row alone.
    expect(await rowOf(short)).toBeDefined();
  }, 30_000);

  it('refuses an unsafe table name', () => {
    expect(() => leaseTableSql({ table: 'a`; DROP TABLE x; --' })).toThrow(/refused table name/);
  });
});
