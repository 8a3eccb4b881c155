/**
 * `npm run bench:onboarding`: 200 onboardings through POST /tenants over real HTTP, alternating
 * with the seed's setup-empresa.js baseline (a fresh root connection, CREATE DATABASE, the
 * template statement by statement, no principal, no registry, no rollback), on the same server.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadMasterConfig } from '@helix/config';
import { connectOnce, ensureMysqlServer, quoteIdentifier } from '@helix/db';
import { createLogger } from '@helix/http';
import { dropScope, uniquePrefix } from '@helix/testing';
import { prepareMaster } from '../apps/master-api/src/master-runtime';
import { ms, percentile, timed } from './stats';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);

async function main() {
  const url = await ensureMysqlServer(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', '.data/mysql', console.log);
  const prefix = uniquePrefix();
  const config = loadMasterConfig({ ...process.env, LOG_LEVEL: 'silent', MYSQL_URL: url, MASTER_DB: `${prefix}master`, TENANT_DB_PREFIX: prefix });
  const master = await prepareMaster(config, createLogger('bench', 'silent'));
  const server = master.app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const template = await readFile(path.join(config.INFRA_DIR, 'tenant/carros/0001_init.sql'), 'utf8');
  const statements = template.split(';').filter((s) => s.replace(/--.*$/gm, '').trim());

  try {
    const { token } = (await (
      await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }) })
    ).json()) as { token: string };

    const helix: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < TENANTS; i++) {
      helix.push(
        await timed(async () => {
          const response = await fetch(`${base}/tenants`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ tenant_key: `bench_${i}`, nome: `Bench ${i}`, robo_tipo: 'carros', plano_id: 1 }),
          });
          if (response.status !== 201) throw new Error(`onboarding ${i}: ${response.status} ${await response.text()}`);
        }),
      );
      baseline.push(
        await timed(async () => {
          const connection = await connectOnce(url);
          const database = quoteIdentifier(`${prefix}seed_${i}`);
          await connection.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
          await connection.query(`USE ${database}`);
          for (const statement of statements) await connection.query(statement);
          await connection.end();
        }),
      );
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const row = (name: string, xs: number[]) => `${name.padEnd(38)} p50 ${ms(percentile(xs, 50)).padStart(9)}  p99 ${ms(percentile(xs, 99)).padStart(9)}  total ${(sum(xs) / 1000).toFixed(2)} s`;
    console.log(`onboarding benchmark: ${TENANTS} tenants each, alternating`);
    console.log(row('baseline (seed setup-empresa.js)', baseline));
    console.log(row('helix POST /tenants (all-or-nothing)', helix));
    console.log(`ratio helix/baseline: p50 ${(percentile(helix, 50) / percentile(baseline, 50)).toFixed(2)}x, total ${(sum(helix) / sum(baseline)).toFixed(2)}x`);
    console.log(`aim p50 < 300 ms: ${percentile(helix, 50) < 300 ? 'met' : 'NOT met'}`);
  } finally {
    server.close();
    await master.close();
    await dropScope(prefix, url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
