/**
 * The baselines of `npm run bench:robots`: express and one mysql2 pool running carros-api's own
 * listing statements, with no tenancy at all.
 * - BASELINE_DATABASE: every request on that one database, the least a GET /veiculos can cost.
 * - BASELINE_TENANT_DB_PREFIX: each request on the database of its X-Tenant-Key, taken with `USE`
 *   in the packet of its first statement under one login allowed everywhere: what spreading the
 *   reads over the tenants' databases costs before any isolation.
 */
import express from 'express';
import { createPool, quoteIdentifier, type PoolConnection, type RowDataPacket } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { selectPage, SqlFilters } from '@helix/robot-core';
import type { TenantDb } from '@helix/tenant-context';

const tenantDbPrefix = process.env.BASELINE_TENANT_DB_PREFIX;
const pool = createPool(process.env.BASELINE_MYSQL_URL!, {
  database: process.env.BASELINE_DATABASE,
  connectionLimit: Number(process.env.BASELINE_CONNECTIONS ?? 20),
  multipleStatements: tenantDbPrefix !== undefined,
});

/** Tables named as they are, in the connection's default database: the baselines' SQL is the robot's under the tenant's role. */
const table = (name: string) => name;

const oneDatabase = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params))[0], table } as unknown as TenantDb;

/** Statements of one request on one connection, the first one carrying the `USE`. */
function onDatabase(connection: PoolConnection, database: string): TenantDb {
  let use: string | undefined = `USE ${quoteIdentifier(database)}; `;
  const query = async (sql: string, params?: unknown[]) => {
    if (use === undefined) return (await connection.query(sql, params))[0];
    const prefixed = use + sql;
    use = undefined;
    return ((await connection.query(prefixed, params))[0] as unknown[])[1];
  };
  return { query, table } as unknown as TenantDb;
}

/**
 * The statements carros-api runs for a storefront's first page (GET /veiculos), written out here
 * since a bench imports no app: the available cars, newest first, then their photos in one query.
 */
const PAGE = { page: 1, per_page: 50 };
const CARS = {
  select:
    'id, brand AS marca, model AS modelo, year AS ano, year_model AS ano_modelo, price AS preco, mileage AS km, color AS cor, fuel_type AS combustivel, transmission AS cambio, description AS descricao, status AS status',
  from: 'cars',
  orderBy: 'created_at DESC, id DESC',
};
const PHOTOS =
  'SELECT id, `car_id` AS item_id, url, ordem, is_principal FROM car_images WHERE `car_id` IN (?) ORDER BY is_principal DESC, ordem, id';

async function list(db: TenantDb, tenant: string) {
  const { rows, total } = await selectPage(db, CARS, new SqlFilters().when('available', 'status = ?'), PAGE);
  const photos = rows.length > 0 ? await db.query<RowDataPacket[]>(PHOTOS, [rows.map((row) => row.id)]) : [];
  const veiculos = rows.map((row) => ({
    ...row,
    // Only available cars are listed.
    status: 'disponivel',
    fotos: photos
      .filter((photo) => photo.item_id === row.id)
      .map((photo) => ({ id: photo.id, url: photo.url, ordem: photo.ordem, principal: Boolean(photo.is_principal) })),
  }));
  return { success: true, tenant, veiculos, paginacao: { ...PAGE, total } };
}

const app = express();
app.get('/veiculos', async (req, res) => {
  if (tenantDbPrefix === undefined) return void res.json(await list(oneDatabase, 'baseline'));
  const key = String(req.headers['x-tenant-key']);
  const connection = await pool.getConnection();
  try {
    res.json(await list(onDatabase(connection, tenantDatabaseName(tenantDbPrefix, 'carros', key)), key));
  } finally {
    connection.release();
  }
});
app.get('/health', (_req, res) => void res.json({ status: 'ok' }));
app.listen(Number(process.env.PORT));
