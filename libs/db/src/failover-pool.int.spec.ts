import { dropScope, eventually, testMysqlUrl, uniquePrefix } from '@helix/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectToFirstReady, createMasterPool, FailoverPool } from './failover-pool';
import { classifyMysqlError } from './mysql-errors';
import { formatMysqlUrl } from './mysql-url';
import { connectOnce, type ResultSetHeader, type RowDataPacket } from './pools';
import { freePort, startPrivateServer, type PrivateServer } from './private-server';
import { withTransaction } from './transaction';

const deadAddress = async () => formatMysqlUrl({ host: '127.0.0.1', port: await freePort(), user: 'root', password: '' });
const hostPort = (url: string) => `${new URL(url).hostname}:${new URL(url).port || 3306}`;

const portOf = async (pool: Pick<FailoverPool, 'query'>) => {
  const [[row]] = await pool.query<RowDataPacket[]>('SELECT @@port AS port');
  return Number(row.port);
};

describe('FailoverPool over an address that does not answer and the real server', () => {
  let pool: FailoverPool;
  const failovers: string[] = [];
  let dead: string;

  beforeAll(async () => {
    dead = await deadAddress();
    pool = new FailoverPool([dead, testMysqlUrl()], { connectionLimit: 2, onFailover: ({ from }) => failovers.push(from) });
  });
  afterAll(() => pool.end());

  it('moves past the dead address once and serves statements, connections and transactions from the other', async () => {
    const [[row]] = await pool.query<RowDataPacket[]>('SELECT 1 + 1 AS two');
    expect(row.two).toBe(2);
    const [[executed]] = await pool.execute<RowDataPacket[]>('SELECT ? AS echoed', ['oi']);
    expect(executed.echoed).toBe('oi');
    expect(await withTransaction(pool, async (connection) => (await connection.query<RowDataPacket[]>('SELECT 3 AS n'))[0][0].n)).toBe(3);
    expect(pool.currentAddress).toBe(hostPort(testMysqlUrl()));
    expect(failovers).toEqual([hostPort(dead)]);
  });

  it('stays on its node when a statement fails for its own reasons', async () => {
    await expect(pool.query('SELECT * FROM tabela_que_nao_existe.t')).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
    expect(pool.currentAddress).toBe(hostPort(testMysqlUrl()));
    expect(failovers).toEqual([hostPort(dead)]);
  });
});

describe('the master pool and migrator on one address, or none that answers', () => {
  it('runs again an autocommit statement the server refused as a deadlock (a Galera certification conflict answers the same)', async () => {
    const prefix = uniquePrefix();
    const db = `\`${prefix}autocommit\``;
    const root = await connectOnce(testMysqlUrl());
    const pool = createMasterPool([testMysqlUrl()]);
    try {
      await root.query(`CREATE DATABASE ${db}`);
      await root.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
      await root.query(`INSERT INTO ${db}.t VALUES (1, 0)`);
      // Attempts are counted in a table no rollback undoes; the first one is refused with 1213 (ER_LOCK_DEADLOCK).
      await root.query(`CREATE TABLE ${db}.tentativas (n INT NOT NULL) ENGINE=Aria TRANSACTIONAL=0`);
      await root.query(`INSERT INTO ${db}.tentativas VALUES (0)`);
      await root.query(
        `CREATE TRIGGER ${db}.recusa_a_primeira BEFORE UPDATE ON ${db}.t FOR EACH ROW BEGIN
           UPDATE ${db}.tentativas SET n = n + 1;
           IF (SELECT n FROM ${db}.tentativas) = 1 THEN
             SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found when trying to get lock; try restarting transaction';
           END IF;
         END`,
      );

      const [result] = await pool.query<ResultSetHeader>(`UPDATE ${db}.t SET v = v + 1 WHERE id = 1`);

      expect(result.affectedRows).toBe(1);
      const [[row]] = await root.query<RowDataPacket[]>(`SELECT v, (SELECT n FROM ${db}.tentativas) AS tentativas FROM ${db}.t`);
      // Run twice, applied once: the refused attempt was rolled back whole.
      expect({ v: row.v, tentativas: row.tentativas }).toEqual({ v: 1, tentativas: 2 });
    } finally {
      await pool.end();
      await root.end();
      await dropScope(prefix);
    }
  });

  it('fails as "unavailable" after trying every address when none answers', async () => {
    const pool = new FailoverPool([await deadAddress(), await deadAddress()]);
    try {
      const refused = await pool.query('SELECT 1').catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
      expect(classifyMysqlError(refused)).toBe('unavailable');
    } finally {
      await pool.end();
    }
  });

  it('connects the migrator to the first address that answers', async () => {
    const connection = await connectToFirstReady([await deadAddress(), testMysqlUrl()]);
    try {
      const [[row]] = await connection.query<RowDataPacket[]>('SELECT 1 AS one');
      expect(row.one).toBe(1);
    } finally {
      await connection.end();
    }
  });
});

describe('FailoverPool when its current node is lost', () => {
  const prefix = uniquePrefix();
  const database = `${prefix}failover`;
  const dirs: string[] = [];
  const servers: PrivateServer[] = [];
  let pool: FailoverPool;

  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      const dir = await mkdtemp(path.join(os.tmpdir(), `helix-failover-${name}-`));
      dirs.push(dir);
      servers.push(await startPrivateServer(dir));
    }
    for (const server of servers) {
      const connection = await connectOnce(server.url);
      await connection.query(`CREATE DATABASE \`${database}\``);
      await connection.query(`CREATE TABLE \`${database}\`.t (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB`);
      await connection.end();
    }
    pool = new FailoverPool(
      servers.map((server) => server.url),
      { database, connectionLimit: 4 },
    );
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }, 60_000);

  it('fails the statement in flight on the lost node as temporary, never runs it again, and goes on on the other node', async () => {
    const [a, b] = servers;
    expect(await portOf(pool)).toBe(Number(new URL(a.url).port));
    await pool.execute('INSERT INTO t (id, v) VALUES (1, 1)');

    // An insert that would commit on A after a long pause: it is in flight when A is killed.
    const inFlight = pool.query('INSERT INTO t (id, v) SELECT 2, SLEEP(60)').catch((error: unknown) => error);
    const observer = await connectOnce(a.url);
    await eventually(
      async () => {
        const [[row]] = await observer.query<RowDataPacket[]>(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO t (id, v) SELECT 2%'",
        );
        return Number(row.n) === 1;
      },
      20_000,
      'the insert running on A',
    );
    observer.destroy();
    process.kill(a.pid, 'SIGKILL');
    await a.stop(); // waits until the process is gone

    const failure = await inFlight;
    expect(failure).toMatchObject({ code: expect.stringMatching(/^(PROTOCOL_CONNECTION_LOST|ECONNRESET)$/) });
    expect(classifyMysqlError(failure)).toBe('unavailable');

    expect(await portOf(pool)).toBe(Number(new URL(b.url).port));
    await pool.execute('INSERT INTO t (id, v) VALUES (3, 3)');
    await withTransaction(pool, async (connection) => {
      await connection.execute('UPDATE t SET v = v + 1 WHERE id = 3');
    });
    const [rows] = await pool.query<RowDataPacket[]>('SELECT id, v FROM t ORDER BY id');
    // Row 1 lives on A (no replication between these two plain servers); row 2 was never run on B.
    expect(rows.map((row) => [row.id, row.v])).toEqual([[3, 4]]);
  }, 90_000);
});
