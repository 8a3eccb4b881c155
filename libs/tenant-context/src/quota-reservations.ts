import { randomUUID } from 'node:crypto';
import { billingMonth, tenantTimeZone } from '@helix/contracts';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { TenantDb } from './connection-manager';
import { TenantContextError } from './tenant-context.error';
import type { RequestTenant } from './tenant-guard';
import { recordUsage } from './usage-outbox';

export interface QuotaUsage {
  mensagens: number;
  tokens: number;
}

/** A reply's hold on its month's quota, from before the AI call until the reply's own transaction. */
export interface QuotaReservation {
  /** Also the id of the usage event it settles into. */
  id: string;
  mes: string;
  /** When it was made: the usage event's instant, so the master bills the month it was reserved in. */
  at: Date;
  /** The plan's limits when it was made (checked again if the reservation lapsed before settling). */
  limits: QuotaUsage;
}

export interface QuotaReservationsOptions {
  /** How long an unsettled reservation counts: past it, its instance is taken to have crashed. */
  expiryMs: number;
  clock: () => Date;
}

const NOTHING: QuotaUsage = { mensagens: 0, tokens: 0 };

const quotaExceeded = (limite: keyof QuotaUsage, mes: string) =>
  new TenantContextError(
    'QUOTA_EXCEEDED',
    `Limite mensal de ${limite} do plano atingido. Faça upgrade do plano ou aguarde o próximo mês.`,
    { details: { limite, mes } },
  );

/**
 * Step 5's first half: plan limits held exactly by every instance, in the tenant's own database.
 * A reply reserves its upper bound against the month's counter (`_quota_mes`, one row per month,
 * locked FOR UPDATE so reservations of one tenant are serialised); its reply transaction settles
 * the real usage into the counter and the usage outbox together, so the master's count, the
 * outbox events and the counter's increments are one and the same.
 */
export class QuotaReservations {
  constructor(private readonly options: QuotaReservationsOptions) {}

  /** In its own short transaction; over a limit → QUOTA_EXCEEDED. A tenant without a plan has no AI allowance. */
  async reserve(tenant: Pick<RequestTenant, 'resolution' | 'db'>, need: QuotaUsage): Promise<QuotaReservation> {
    const { assinatura, uso } = tenant.resolution;
    const at = this.options.clock();
    const mes = billingMonth(at, tenantTimeZone(tenant.resolution));
    const plano = assinatura.plano;
    if (!plano) throw quotaExceeded('mensagens', mes);
    const reservation: QuotaReservation = {
      id: randomUUID(),
      mes,
      at,
      limits: { mensagens: plano.limite_mensagens, tokens: plano.limite_tokens },
    };
    // The master may count usage this database never saw (from before the counter, a restored backup).
    const counted = uso.mes === mes ? { mensagens: uso.mensagens_usadas, tokens: uso.tokens_usados } : NOTHING;
    await tenant.db.transaction(async (db) => {
      const used = await lockMonth(db, mes, counted);
      await db.query('DELETE FROM _quota_reservas WHERE expira_em <= ?', [at]);
      assertWithin(reservation, [used, await reservedIn(db, mes), need]);
      await db.query('INSERT INTO _quota_reservas (id, mes, mensagens, tokens, expira_em) VALUES (?, ?, ?, ?, ?)', [
        reservation.id,
        mes,
        need.mensagens,
        need.tokens,
        new Date(at.getTime() + this.options.expiryMs),
      ]);
    });
    return reservation;
  }

  /**
   * Inside the reply's transaction, as its first statements (the counter's lock also serialises the
   * tenant's concurrent replies): the real usage replaces the reservation and goes to the outbox.
   */
  async settle(db: TenantDb, reservation: QuotaReservation, used: QuotaUsage): Promise<void> {
    const counted = await lockMonth(db, reservation.mes, NOTHING);
    const removed = await db.query<ResultSetHeader>('DELETE FROM _quota_reservas WHERE id = ?', [reservation.id]);
    // Lapsed (the reply outlived expiryMs) and its share perhaps given to another reply: only if it still fits.
    if (removed.affectedRows === 0) assertWithin(reservation, [counted, await reservedIn(db, reservation.mes), used]);
    await db.query('UPDATE _quota_mes SET mensagens = mensagens + ?, tokens = tokens + ? WHERE mes = ?', [
      used.mensagens,
      used.tokens,
      reservation.mes,
    ]);
    await recordUsage(db, { id: reservation.id, ...used, at: reservation.at });
  }

  /** No reply (the AI failed, the request broke): the reservation stops counting at once. */
  async release(db: Pick<TenantDb, 'query'>, reservation: QuotaReservation): Promise<void> {
    await db.query('DELETE FROM _quota_reservas WHERE id = ?', [reservation.id]);
  }
}

/** The month's counter row, created if absent, raised to `floor`, locked until the transaction ends. */
async function lockMonth(db: TenantDb, mes: string, floor: QuotaUsage): Promise<QuotaUsage> {
  await db.query(
    `INSERT INTO _quota_mes (mes, mensagens, tokens) VALUES (?, ?, ?)
       ON DUPLICATE KEY UPDATE mensagens = GREATEST(mensagens, VALUES(mensagens)), tokens = GREATEST(tokens, VALUES(tokens))`,
    [mes, floor.mensagens, floor.tokens],
  );
  const [row] = await db.query<RowDataPacket[]>('SELECT mensagens, tokens FROM _quota_mes WHERE mes = ? FOR UPDATE', [mes]);
  return { mensagens: Number(row.mensagens), tokens: Number(row.tokens) };
}

/** What the month's unsettled reservations hold (read under the counter's lock, so none is being added). */
async function reservedIn(db: TenantDb, mes: string): Promise<QuotaUsage> {
  const [row] = await db.query<RowDataPacket[]>(
    'SELECT COALESCE(SUM(mensagens), 0) AS mensagens, COALESCE(SUM(tokens), 0) AS tokens FROM _quota_reservas WHERE mes = ?',
    [mes],
  );
  return { mensagens: Number(row.mensagens), tokens: Number(row.tokens) };
}

function assertWithin(reservation: QuotaReservation, parts: QuotaUsage[]): void {
  for (const limite of ['mensagens', 'tokens'] as const) {
    const total = parts.reduce((sum, part) => sum + part[limite], 0);
    if (total > reservation.limits[limite]) throw quotaExceeded(limite, reservation.mes);
  }
}
