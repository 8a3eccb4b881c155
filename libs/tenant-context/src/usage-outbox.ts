import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { TenantDb } from './connection-manager';

/** A usage event as the robot records it: one AI reply. */
export interface UsageEvent {
  id: string;
  mensagens: number;
  tokens: number;
  at: Date;
}

/**
 * The durable side of metering, in the tenant's own database (`_usage_outbox`): written in the
 * same transaction as the messages it pays for, deleted only once the master acknowledged it.
 */

export async function recordUsage(db: TenantDb, event: UsageEvent): Promise<void> {
  await db.query('INSERT INTO _usage_outbox (id, mensagens, tokens, occurred_at) VALUES (?, ?, ?, ?)', [
    event.id,
    event.mensagens,
    event.tokens,
    event.at, // stored as UTC: the pools run with timezone 'Z'
  ]);
}

export interface OutboxEvent {
  id: string;
  mensagens: number;
  tokens: number;
  at: string;
}

/** The oldest events still to ship (refused ones stay for an operator and are skipped). */
export async function readOutbox(db: TenantDb, limit: number): Promise<OutboxEvent[]> {
  const rows = await db.query<RowDataPacket[]>(
    `SELECT id, mensagens, tokens, occurred_at FROM _usage_outbox WHERE refused_code IS NULL ORDER BY created_at, id LIMIT ?`,
    [limit],
  );
  return rows.map((row) => ({
    id: row.id,
    mensagens: Number(row.mensagens),
    tokens: Number(row.tokens),
    at: (row.occurred_at as Date).toISOString(),
  }));
}

export async function clearOutbox(db: TenantDb, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.query<ResultSetHeader>('DELETE FROM _usage_outbox WHERE id IN (?)', [ids]);
  return result.affectedRows;
}

export async function markRefused(db: TenantDb, refusals: readonly { id: string; code: string; motivo: string }[]): Promise<void> {
  for (const refusal of refusals) {
    await db.query('UPDATE _usage_outbox SET refused_code = ?, refused_reason = ? WHERE id = ?', [
      refusal.code.slice(0, 64),
      refusal.motivo.slice(0, 255),
      refusal.id,
    ]);
  }
}
