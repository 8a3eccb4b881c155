/**
 * `npm run bench:onboarding`: 200 onboardings through POST /tenants over real HTTP (the real
 * master-api as its own process), alternating with the seed's setup-empresa.js baseline (a fresh
 * root connection, CREATE DATABASE, the template statement by statement, no principal, no
 * registry, no rollback), on the same server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connectOnce, ensureMysqlServer, quoteIdentifier } from '@helix/db';
import { spawnMaster } from '@helix/testing';
import { ms, percentile, timed } from './stats';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);

async function main() {
  const url = await ensureMysqlServer(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', '.data/mysql', console.log);
  process.env.MYSQL_URL = url;
  const master = await spawnMaster();
  // The seed's one template file: what the base series and carros' own hold between their first versions.
  const firsts = ['base', 'carros'].map((series) => readFile(path.resolve(__dirname, `../infra/tenant/${series}/0001_init.sql`), 'utf8'));
  const template = (await Promise.all(firsts)).join('\n');
  const statements = template.split(';').filter((s) => s.replace(/--.*$/gm, '').trim());

  try {
    const helix: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < TENANTS; i++) {
      helix.push(
        await timed(async () => {
          const response = await master.admin('POST', '/tenants', {
            tenant_key: `bench_${i}`,
            nome: `Bench ${i}`,
            robo_tipo: 'carros',
            plano_id: 1,
          });
          if (response.status !== 201) throw new Error(`onboarding ${i}: ${response.status} ${JSON.stringify(response.body)}`);
        }),
      );
      baseline.push(
        await timed(async () => {
          const connection = await connectOnce(url);
          // Under the master's prefix, so that closing it drops the baseline's databases too.
          const database = quoteIdentifier(`${master.prefix}seed_${i}`);
          await connection.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
          await connection.query(`USE ${database}`);
          for (const statement of statements) await connection.query(statement);
          await connection.end();
        }),
      );
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(38)} p50 ${ms(percentile(xs, 50)).padStart(9)}  p99 ${ms(percentile(xs, 99)).padStart(9)}  total ${(sum(xs) / 1000).toFixed(2)} s`;
    console.log(`onboarding benchmark: ${TENANTS} tenants each, alternating`);
    console.log(row('baseline (seed setup-empresa.js)', baseline));
    console.log(row('helix POST /tenants (all-or-nothing)', helix));
    console.log(
      `ratio helix/baseline: p50 ${(percentile(helix, 50) / percentile(baseline, 50)).toFixed(2)}x, total ${(sum(helix) / sum(baseline)).toFixed(2)}x`,
    );
    console.log(`aim p50 < 300 ms: ${percentile(helix, 50) < 300 ? 'met' : 'NOT met'}`);
  } finally {
    await master.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
