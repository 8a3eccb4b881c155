/**
 * `npm run bench:tenant-switch`: what it costs to move a pooled connection between tenants.
 * 200 tenants (own database, own login, own role), 50 requests in flight, 20 connections, each
 * request shaped like carros-api's GET /veiculos — list, count and photos, three statements on one
 * checkout — for a tenant drawn uniformly at random:
 *   (a) baseline: one pool, one database, one principal, no switching;
 *   (a2) no switching either, but each request reads its own tenant's database (one login allowed
 *       everywhere, table names qualified): no isolation at all, so the ceiling of any switching
 *       technique; what separates it from (a) is the cost of 1,000 databases' tables instead of one;
 *   (b) each tenant's own login: COM_CHANGE_USER whenever the connection is another tenant's
 *       (MariaDB answers every one with an auth switch: two round trips);
 *   (c) roles: one gateway login holding every tenant's role and nothing else, `SET ROLE r` + `USE db`
 *       as two statements;
 *   (d) TenantConnectionManager as shipped, affinity off: the same roles, `SET ROLE r; USE db;` sent
 *       in one packet with the request's first statement, so a switch costs no round trip of its own;
 *   (e) TenantConnectionManager as shipped: plus affinity (no switch when the connection already holds
 *       the tenant's role, an idle one bound to the tenant first, a released one to a waiter of its tenant first).
 * Then the same with skewed traffic (80 % of requests on 10 tenants), where affinity can matter.
 * On a small machine the client, mysqld and everything else share the same cores, so besides req/s
 * it prints the CPU each request cost this process and, when it runs here, mysqld.
 * Everything it creates (databases, users, roles) carries a unique prefix and is dropped at the end.
 */
import { readFileSync } from 'node:fs';
import mysql, { type Pool, type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import { connectOnce, ensureMysqlServer, parseMysqlUrl, quoteAccount, quoteIdentifier } from '@helix/db';
import { dropScope, uniquePrefix } from '@helix/testing';
import { TenantConnectionManager, type BindableTenant } from '@helix/tenant-context';
import { ms, percentile } from './stats';
import { useComposeTableCaches } from './table-caches';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const BUDGET = Number(process.env.BENCH_BUDGET ?? 20);
/** GET /veiculos' statements: the page, the total and the photos of the page's cars. */
const LIST = 'SELECT id, model FROM cars WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?';
const COUNT = 'SELECT COUNT(*) AS total FROM cars WHERE status = ?';
const PHOTOS = 'SELECT id, car_id AS item_id, url, is_principal FROM car_images WHERE car_id IN (?) ORDER BY is_principal DESC, id';

type Query = (sql: string, params?: unknown[]) => Promise<RowDataPacket[]>;

/** What the variants run statements on: mysql2's callback API, as TenantConnectionManager does. */
interface Queryable {
  query(sql: string, params: unknown[] | undefined, callback: (error: Error | null, rows?: unknown) => void): void;
}
const callbackQuery =
  (target: Queryable): Query =>
  (sql, params) =>
    new Promise((resolve, reject) =>
      target.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as RowDataPacket[]))),
    );

async function listing(query: Query): Promise<RowDataPacket[]> {
  const rows = await query(LIST, ['available', 50, 0]);
  const [count] = await query(COUNT, ['available']);
  const photos = await query(PHOTOS, [rows.map((row) => row.id)]);
  return Number(count.total) === rows.length && photos.length === rows.length ? rows : [];
}

/** One request: runs the listing for tenant `i` and returns the cars it saw. */
type Request = (i: number) => Promise<RowDataPacket[]>;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** CPU per request, µs: this process, and mysqld when it runs on this machine. */
  clientCpu: number;
  serverCpu?: number;
  wrong: number;
}

/** mysqld's CPU time so far (µs) when its pid file and /proc are readable here, else undefined. */
function serverCpuReader(pidFile: string): () => number | undefined {
  return () => {
    try {
      const pid = readFileSync(pidFile, 'utf8').trim();
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
    } catch {
      return undefined;
    }
  };
}

async function measure(
  name: string,
  pick: () => number,
  request: Request,
  expectedModel: (i: number) => string | undefined,
  serverCpu: () => number | undefined,
): Promise<Result> {
  const run = async (count: number, latencies: number[] | null) => {
    let wrong = 0;
    let issued = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < count) {
          issued++;
          const i = pick();
          const start = process.hrtime.bigint();
          const rows = await request(i);
          latencies?.push(Number(process.hrtime.bigint() - start) / 1e6);
          const expected = expectedModel(i);
          if (rows.length !== 10 || (expected !== undefined && rows[0].model !== expected)) wrong++;
        }
      }),
    );
    return wrong;
  };
  await run(Math.min(2_000, REQUESTS), null);
  const latencies: number[] = [];
  const [server0, client0] = [serverCpu(), process.cpuUsage()];
  const started = process.hrtime.bigint();
  const wrong = await run(REQUESTS, latencies);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [server1, client] = [serverCpu(), process.cpuUsage(client0)];
  return {
    name,
    rps: REQUESTS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    clientCpu: (client.user + client.system) / REQUESTS,
    serverCpu: server0 === undefined || server1 === undefined ? undefined : (server1 - server0) / REQUESTS,
    wrong,
  };
}

function print(title: string, results: Result[]) {
  const [baseline] = results;
  console.log(`\n${title}`);
  console.log(
    `${'variant'.padEnd(58)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}  ${'CPU/req client, mysqld'.padEnd(24)} vs baseline (req/s, p50)`,
  );
  for (const r of results) {
    const ratio = `${(r.rps / baseline.rps).toFixed(2)}x, ${(r.p50 / baseline.p50).toFixed(2)}x`;
    const cpu = `${r.clientCpu.toFixed(0)} µs, ${r.serverCpu === undefined ? '–' : `${r.serverCpu.toFixed(0)} µs`}`;
    console.log(
      `${r.name.padEnd(58)} ${r.rps.toFixed(0).padStart(8)} ${ms(r.p50).padStart(9)} ${ms(r.p99).padStart(9)}  ${cpu.padEnd(24)} ${ratio}${r.wrong ? `  WRONG ROWS: ${r.wrong}` : ''}`,
    );
  }
}

async function main() {
  const url = await ensureMysqlServer(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', '.data/mysql', console.log);
  const server = parseMysqlUrl(url);
  const prefix = uniquePrefix();
  const role = (i: number) => `${prefix}r${i}`;
  const gateway = { user: `${prefix}gw`, password: `gw-${prefix}` };
  const logins = Array.from({ length: TENANTS }, (_, i) => ({
    user: `${prefix}u${i}`,
    password: `pw-${i}-${prefix}`,
    database: `${prefix}db${i}`,
  }));
  const tenants: BindableTenant[] = logins.map((login, i) => ({
    key: `t${i}`,
    database: { host: server.host, port: server.port, name: login.database, role: role(i), gateway },
  }));
  const modelOf = (i: number) => `t${i}-car1`;
  const root = await connectOnce(url, undefined, true);
  const tableCaches = await useComposeTableCaches(root);
  console.log(`mysqld: ${tableCaches.summary}`);
  const pools: Pool[] = [];
  const managers: TenantConnectionManager[] = [];

  try {
    const setupStarted = Date.now();
    const statements: string[] = [`CREATE USER ${quoteAccount(gateway.user, '%')} IDENTIFIED BY '${gateway.password}'`];
    for (const [i, login] of logins.entries()) {
      const db = quoteIdentifier(login.database);
      const account = quoteAccount(login.user, '%');
      const cars = Array.from(
        { length: 10 },
        (_, n) => `(${n + 1}, 't${i}-car${n + 1}', '2024-01-01 00:00:${String(59 - n).padStart(2, '0')}')`,
      ).join(', ');
      const photos = Array.from({ length: 10 }, (_, n) => `(${n + 1}, 'https://cdn.example.com/${n + 1}.jpg', 1)`).join(', ');
      statements.push(
        `CREATE DATABASE ${db}`,
        `CREATE TABLE ${db}.cars (id INT PRIMARY KEY AUTO_INCREMENT, model VARCHAR(50), status VARCHAR(20) NOT NULL DEFAULT 'available', created_at DATETIME NOT NULL, KEY (status, created_at))`,
        `CREATE TABLE ${db}.car_images (id INT PRIMARY KEY AUTO_INCREMENT, car_id INT NOT NULL, url VARCHAR(500), is_principal TINYINT NOT NULL DEFAULT 0, KEY (car_id))`,
        `INSERT INTO ${db}.cars (id, model, created_at) VALUES ${cars}`,
        `INSERT INTO ${db}.car_images (car_id, url, is_principal) VALUES ${photos}`,
        // (b): the tenant's own login.
        `CREATE USER ${account} IDENTIFIED BY '${login.password}'`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ${db}.* TO ${account}`,
        // (c)–(e): the same privileges through a role, and the gateway holds every role.
        `CREATE ROLE ${quoteIdentifier(role(i))}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ${db}.* TO ${quoteIdentifier(role(i))}`,
        `GRANT ${quoteIdentifier(role(i))} TO ${quoteAccount(gateway.user, '%')}`,
      );
    }
    for (let i = 0; i < statements.length; i += 400) await root.query(statements.slice(i, i + 400).join(';\n'));
    console.log(`setup: ${TENANTS} tenants (database, login, role) in ${Date.now() - setupStarted} ms`);
    console.log(
      `${REQUESTS} requests per variant after a warm-up, ${CONCURRENCY} in flight, ${BUDGET} connections, 3 statements each (list, count, photos)`,
    );

    const poolOptions = (login: { user: string; password: string; database?: string }): PoolOptions => ({
      host: server.host,
      port: server.port,
      ...login,
      connectionLimit: BUDGET,
      waitForConnections: true,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      decimalNumbers: true,
      supportBigNumbers: true,
    });
    const baselinePool = mysql.createPool(poolOptions(logins[0]));
    const allDatabasesPool = mysql.createPool(poolOptions({ user: server.user, password: server.password }));
    const loginsPool = mysql.createPool(poolOptions(logins[0]));
    const rolesPool = mysql.createPool(poolOptions(gateway));
    pools.push(baselinePool, allDatabasesPool, loginsPool, rolesPool);
    /** (b): which tenant each pooled connection is logged in as. */
    const loggedInAs = new WeakMap<object, number>();
    const withManager = (options: ConstructorParameters<typeof TenantConnectionManager>[0]): Request => {
      const manager = new TenantConnectionManager({ maxConnectionsPerServer: BUDGET, ...options });
      managers.push(manager);
      return (i) => manager.withTenant(tenants[i], (db) => listing((sql, params) => db.query(sql, params)));
    };
    const variants: [string, Request, boolean][] = [
      ['(a) baseline: one database, no switching', () => listing(callbackQuery(baselinePool.pool)), false],
      [
        "(a2) each tenant's database, no switching, no isolation",
        (i) => {
          const query = callbackQuery(allDatabasesPool.pool);
          const qualified = (sql: string) => sql.replace(/FROM (cars|car_images)/, `FROM ${quoteIdentifier(logins[i].database)}.$1`);
          return listing((sql, params) => query(qualified(sql), params));
        },
        true,
      ],
      [
        "(b) tenant's own login (COM_CHANGE_USER)",
        async (i) => {
          const connection = await loginsPool.getConnection();
          try {
            if ((loggedInAs.get(connection.connection) ?? 0) !== i) {
              await connection.changeUser(logins[i]);
              loggedInAs.set(connection.connection, i);
            }
            return await listing(callbackQuery(connection.connection));
          } finally {
            connection.release();
          }
        },
        true,
      ],
      [
        '(c) roles: SET ROLE + USE, two statements',
        async (i) => {
          const connection = await rolesPool.getConnection();
          try {
            const query = callbackQuery(connection.connection);
            await query(`SET ROLE ${quoteIdentifier(role(i))}`);
            await query(`USE ${quoteIdentifier(logins[i].database)}`);
            return await listing(query);
          } finally {
            connection.release();
          }
        },
        true,
      ],
      ['(d) roles with the first statement (shipped, no affinity)', withManager({ affinity: false }), true],
      ['(e) roles with the first statement + affinity (shipped)', withManager({}), true],
    ];

    const [[{ pidFile }]] = await root.query<RowDataPacket[]>('SELECT @@pid_file AS pidFile');
    const serverCpu = serverCpuReader(String(pidFile));
    const uniform = () => Math.floor(Math.random() * TENANTS);
    const skewed = () => (Math.random() < 0.8 ? Math.floor(Math.random() * 10) : Math.floor(Math.random() * TENANTS));
    for (const [title, pick] of [
      [`uniform random over ${TENANTS} tenants`, uniform],
      [`skewed: 80 % of requests on 10 tenants, the rest over all ${TENANTS}`, skewed],
    ] as const) {
      const results: Result[] = [];
      for (const [name, request, perTenant] of variants) {
        results.push(await measure(name, pick, request, (i) => (perTenant ? modelOf(i) : modelOf(0)), serverCpu));
      }
      print(title, results);
    }
    for (const manager of managers) {
      const [s] = manager.stats();
      console.log(
        `manager stats: checkouts ${s.checkouts}, switches ${s.switches}, affinity hits ${s.affinityHits}, open ${s.open}/${s.budget}`,
      );
    }
  } finally {
    await Promise.all([...managers.map((m) => m.close()), ...pools.map((p) => p.end())]);
    const drops = tenants.map((_, i) => `DROP ROLE IF EXISTS ${quoteIdentifier(role(i))}`);
    for (let i = 0; i < drops.length; i += 400) await root.query(drops.slice(i, i + 400).join(';\n'));
    await tableCaches.restore();
    await root.end();
    await dropScope(prefix, url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
