/**
 * The baseline server of `npm run bench:usage`: the least ingesting a batch over HTTP can cost —
 * express, one mysql2 pool and one plain INSERT … ON DUPLICATE KEY UPDATE of every event into a
 * copy of `uso_tokens`. No validation, no ledger, no deduplication.
 */
import express from 'express';
import type { UsageBatchV1 } from '@helix/contracts';
import { createPool, type RowDataPacket } from '@helix/db';
import { BASELINE_UPSERT_SQL, baselineRows } from './usage-baseline';

const pool = createPool(process.env.BASELINE_MYSQL_URL!, { database: process.env.BASELINE_DATABASE!, connectionLimit: 10 });

async function main() {
  const [tenants] = await pool.query<(RowDataPacket & { id: number; tenant_key: string })[]>('SELECT id, tenant_key FROM tenants');
  const ids = new Map(tenants.map((t) => [t.tenant_key, t.id]));
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/uso', async (req, res) => {
    const { eventos } = req.body as UsageBatchV1;
    await pool.query(BASELINE_UPSERT_SQL, [baselineRows(eventos, ids)]);
    res.json({ contados: eventos.length });
  });
  app.listen(Number(process.env.PORT), () => process.send?.('ready'));
}

void main();
