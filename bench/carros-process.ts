import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, quoteIdentifier, type connectOnce } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import type { SpawnedMaster } from '@helix/testing';

export const ROOT = path.resolve(__dirname, '..');
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Three cars in a carros tenant's stock: what the benchmarks' catalogue reads find. */
export async function seedThreeCars(
  root: Awaited<ReturnType<typeof connectOnce>>,
  master: SpawnedMaster,
  tenantKey: string,
): Promise<string> {
  const db = quoteIdentifier(tenantDatabaseName(master.prefix, 'carros', tenantKey));
  await root.query(
    `INSERT INTO ${db}.cars (brand, model, year, price, mileage, color) VALUES ('Toyota','Corolla',2022,118900,32000,'Prata'),('Honda','Civic',2021,109900,41000,'Preto'),('VW','Polo',2023,89900,12000,'Branco')`,
  );
  return db;
}

/** A carros-api process on a free port, talking to `master`; `title` names it apart in the CPU figures. */
export async function spawnCarrosApi(
  master: SpawnedMaster,
  title: string,
  env: Record<string, string | undefined> = {},
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(TSX, [`--title=${title}`, 'apps/carros-api/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      MASTER_URL: master.url,
      SERVICE_TOKEN: master.serviceTokens.carros,
      ...env,
    },
  });
  return { child, url: `http://127.0.0.1:${port}` };
}
