import path from 'node:path';
import { quoteIdentifier, type connectOnce } from '@helix/db';
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
