/**
 * `npm run bench:migrate`: 1,000 tenant databases (the real template, each with its principal and
 * registry row), then one new template migration (a column and an index) applied to all of them:
 * first by the baseline, a plain sequential loop of the same ALTER over one root connection
 * (then undone, untimed), then by `migrateTenants` (the code behind `helix migrate`). Prints total
 * time, tenants/s, peak RSS/heap while migrating, and the ratio. Drops everything it created.
 */
import { connectOnce, quoteIdentifier } from '@helix/db';
import { migrateTenants, type OpsContext } from '@helix/tenant-ops';
import { addTemplateMigration, createTestOps, tempInfra } from '@helix/tenant-ops/testing';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CHANGE = 'ADD COLUMN destaque TINYINT(1) NOT NULL DEFAULT 0, ADD INDEX idx_destaque (destaque)';
const UNDO = 'DROP INDEX idx_destaque, DROP COLUMN destaque';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function main() {
  const infra = await tempInfra();
  const ops = await createTestOps(infra, CONCURRENCY);
  const root = await connectOnce(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const databases: string[] = [];
  try {
    let start = Date.now();
    await inParallel(TENANTS, 4, async (i) => databases.push((await ops.addTenant(`bench_${String(i).padStart(4, '0')}`)).database));
    console.log(`setup: ${TENANTS} tenant databases (template, principal, registry row) in ${seconds(Date.now() - start)}`);

    start = Date.now();
    for (const database of databases) await root.query(`ALTER TABLE ${quoteIdentifier(database)}.cars ${CHANGE}`);
    const baselineMs = Date.now() - start;
    await inParallel(databases.length, 4, (i) => root.query(`ALTER TABLE ${quoteIdentifier(databases[i])}.cars ${UNDO}`));

    const version = await addTemplateMigration(infra, 'carros', 'destaque', `ALTER TABLE cars ${CHANGE};`);
    await ops.reopen();
    const { report, ms, peakRss, peakHeap, heapBefore } = await measured(ops.ctx);
    if (report.failed.length > 0 || report.migrated !== TENANTS) throw new Error(`migrate: ${JSON.stringify(report).slice(0, 500)}`);

    console.log(`migrate benchmark: ${TENANTS} tenants, migration ${version} (add column + index), concurrency ${CONCURRENCY}`);
    console.log(
      `baseline (sequential ALTER loop, one connection)  total ${seconds(baselineMs).padStart(9)}  ${(TENANTS / (baselineMs / 1000)).toFixed(0).padStart(5)} tenants/s`,
    );
    console.log(
      `helix migrate (locked, versioned, checksummed)     total ${seconds(ms).padStart(9)}  ${(TENANTS / (ms / 1000)).toFixed(0).padStart(5)} tenants/s`,
    );
    console.log(`ratio helix/baseline: ${(ms / baselineMs).toFixed(2)}x total time`);
    console.log(`memory while migrating: peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)} (heap before ${mb(heapBefore)})`);
    console.log(`aim < 60 s: ${ms < 60_000 ? 'met' : 'NOT met'}`);
  } finally {
    await root.end();
    const start = Date.now();
    await ops.close();
    console.log(`cleanup in ${seconds(Date.now() - start)}`);
  }
}

async function measured(ctx: OpsContext) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const start = Date.now();
  try {
    const report = await migrateTenants(ctx, { robo: 'carros', concurrency: CONCURRENCY, onTenant: sample });
    return { report, ms: Date.now() - start, peakRss, peakHeap, heapBefore };
  } finally {
    clearInterval(timer);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
