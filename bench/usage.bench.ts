/**
 * `npm run bench:usage`: usage events per second counted by the master, in batches, exactly once
 * (the real master-api as its own process; POST /internal/uso: validation, tenant lookup, the
 * dedupe ledger, the atomic monthly counters, the limit check of paying tenants), against a
 * baseline receiving the same batches over HTTP too (usage-baseline-server.ts: raw express +
 * mysql2, one plain INSERT … ON DUPLICATE KEY UPDATE per batch into a copy of `uso_tokens`, no
 * validation, no ledger, no deduplication), on the same MySQL in the same run. Rounds alternate
 * so both see the same server state; every round uses fresh event ids; the senders play the robots.
 * For reference it also times the baseline's statement sent straight from the senders, no HTTP.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { UsageBatchResultV1, UsageEventV1 } from '@helix/contracts';
import { createPool, ensureMysqlServer, freePort, type RowDataPacket } from '@helix/db';
import { activateSubscriptions, insertRegistryTenants, spawnMaster } from '@helix/testing';
import { BASELINE_UPSERT_SQL, baselineRows } from './usage-baseline';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EVENTS_PER_ROUND = Number(process.env.BENCH_EVENTS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);

function makeBatches(keys: string[]): UsageEventV1[][] {
  const batches: UsageEventV1[][] = [];
  for (let n = 0; n < EVENTS_PER_ROUND; n += BATCH) {
    batches.push(
      Array.from({ length: Math.min(BATCH, EVENTS_PER_ROUND - n) }, (_, i) => ({
        id: randomUUID(),
        tenant_key: keys[(n + i) % keys.length],
        mensagens: 1,
        tokens: 100 + ((n + i) % 900),
        at: new Date(Date.now() - ((n + i) % 86_400) * 1000).toISOString(),
      })),
    );
  }
  return batches;
}

/** Sends every batch with SENDERS in flight; returns events per second. */
async function drive(batches: UsageEventV1[][], send: (batch: UsageEventV1[]) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < batches.length) await send(batches[next++]);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return batches.reduce((sum, b) => sum + b.length, 0) / seconds;
}

async function main() {
  const mysqlUrl = await ensureMysqlServer(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', '.data/mysql', console.log);
  process.env.MYSQL_URL = mysqlUrl;
  const master = await spawnMaster();
  const db = createPool(mysqlUrl, { database: master.masterDb, connectionLimit: SENDERS });
  let baselineServer: ChildProcess | undefined;

  try {
    const keys = Array.from({ length: TENANTS }, (_, i) => `bench_${i}`);
    const tenantIds = await insertRegistryTenants(db, keys);
    // Paying tenants, so every batch also checks their plan limits for 80 % / 100 % alerts.
    await activateSubscriptions(db, [...tenantIds.values()], 3);
    await db.query('CREATE TABLE uso_tokens_baseline LIKE uso_tokens');
    const baselinePort = await freePort();
    baselineServer = fork(path.join(__dirname, 'usage-baseline-server.ts'), [], {
      execPath: path.resolve(__dirname, '../node_modules/.bin/tsx'),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, PORT: String(baselinePort), BASELINE_MYSQL_URL: mysqlUrl, BASELINE_DATABASE: master.masterDb },
    });
    await new Promise((resolve) => baselineServer!.once('message', resolve));

    let sentTokens = 0;
    const post = async (url: string, token: string | null, batch: UsageEventV1[]) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ eventos: batch }),
      });
      if (response.status !== 200) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
      return response.json();
    };
    const helix = async (batch: UsageEventV1[]) => {
      const result = (await post(`${master.url}/internal/uso`, master.serviceTokens.carros, batch)) as UsageBatchResultV1;
      if (result.novos.length !== batch.length) throw new Error(`batch not counted: ${JSON.stringify(result).slice(0, 300)}`);
      sentTokens += batch.reduce((sum, e) => sum + e.tokens, 0);
    };
    const baseline = async (batch: UsageEventV1[]) => {
      await post(`http://127.0.0.1:${baselinePort}/uso`, null, batch);
    };
    // For reference: the same statement sent straight from here, without any HTTP in the way.
    const direct = async (batch: UsageEventV1[]) => {
      await db.query(BASELINE_UPSERT_SQL, [baselineRows(batch, tenantIds)]);
    };

    // Warm-up (JIT, buffer pool, connections), not measured.
    await drive(makeBatches(keys).slice(0, 8), helix);
    await drive(makeBatches(keys).slice(0, 8), baseline);

    const rates = { helix: [] as number[], baseline: [] as number[], direct: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const batches = makeBatches(keys);
      rates.helix.push(await drive(batches, helix));
      rates.baseline.push(await drive(batches, baseline));
      rates.direct.push(await drive(batches, direct));
    }
    const [[counted]] = await db.query<(RowDataPacket & { tokens: number })[]>('SELECT SUM(tokens_usados) AS tokens FROM uso_tokens');

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(52)} median ${median(xs).toFixed(0).padStart(7)} events/s   rounds ${xs.map((x) => x.toFixed(0)).join(' ')}`;
    const ratio = median(rates.helix) / median(rates.baseline);
    console.log(
      `usage benchmark: ${ROUNDS} alternating rounds of ${EVENTS_PER_ROUND} events, batches of ${BATCH}, ${SENDERS} senders, ${TENANTS} tenants`,
    );
    console.log(row('baseline (express + INSERT … ON DUPLICATE KEY UPDATE)', rates.baseline));
    console.log(row('helix POST /internal/uso (exactly once)', rates.helix));
    console.log(row('reference: the baseline statement sent directly', rates.direct));
    console.log(
      `ratio helix/baseline: ${ratio.toFixed(2)} (helix/direct statement: ${(median(rates.helix) / median(rates.direct)).toFixed(2)})`,
    );
    console.log(`monthly counters equal the tokens sent: ${Number(counted.tokens) === sentTokens ? 'yes' : 'NO'} (${sentTokens})`);
    console.log(
      `aim ≥ 10,000 events/s: ${median(rates.helix) >= 10_000 ? 'met' : 'NOT met'}; aim ≥ 0.5 of baseline: ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
    );
  } finally {
    baselineServer?.kill();
    await db.end();
    await master.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
