/**
 * The baseline of `npm run bench:robots`: the least a GET /veiculos can cost — express and one
 * mysql2 pool on one database, running carros-api's own listing query, no tenancy at all.
 */
import express from 'express';
import { createPool } from '@helix/db';
import type { TenantDb } from '@helix/tenant-context';
import { veiculosRepository } from '../apps/carros-api/src/veiculos/veiculos.repository';

const pool = createPool(process.env.BASELINE_MYSQL_URL!, { database: process.env.BASELINE_DATABASE!, connectionLimit: Number(process.env.BASELINE_CONNECTIONS ?? 20) });
const db = {
  query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params))[0],
  execute: async (sql: string, params?: unknown[]) => (await pool.execute(sql, params as never))[0],
} as unknown as TenantDb;

const app = express();
app.get('/veiculos', async (_req, res) => {
  const query = { page: 1, per_page: 50, status: 'disponivel' as const };
  const { items: veiculos, total } = await veiculosRepository.list(db, query);
  res.json({ success: true, tenant: 'baseline', veiculos, paginacao: { page: 1, per_page: 50, total } });
});
app.listen(Number(process.env.PORT), () => process.send?.('ready'));
