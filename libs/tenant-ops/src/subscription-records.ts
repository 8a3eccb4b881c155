import type { SubscriptionState } from '@helix/contracts';
import type { PoolConnection, ResultSetHeader } from '@helix/db';

export type SubscriptionStatus = Exclude<SubscriptionState, 'none'>;
export type SubscriptionOrigin = 'admin' | 'mercadopago' | 'sistema';

/** Who made a change: an admin's e-mail, a Mercado Pago request id or a step of the system. */
export interface Autoria {
  origem: SubscriptionOrigin;
  autor: string;
  motivo?: string;
}

/** Every status change of a subscription, in the transaction that makes it. */
export async function logSubscriptionEvent(
  connection: PoolConnection,
  id: number,
  from: SubscriptionStatus | null,
  to: SubscriptionStatus,
  autoria: Autoria,
): Promise<void> {
  await connection.execute(
    'INSERT INTO assinaturas_eventos (assinatura_id, de_status, para_status, origem, autor, motivo) VALUES (?, ?, ?, ?, ?, ?)',
    [id, from, to, autoria.origem, autoria.autor.slice(0, 254), autoria.motivo?.slice(0, 255) ?? null],
  );
}

/** A new subscription awaiting payment, logged with its creation (onboarding and admins open them). */
export async function openPendingSubscription(
  connection: PoolConnection,
  tenantId: number,
  planoId: number,
  autoria: Autoria,
): Promise<number> {
  const [result] = await connection.execute<ResultSetHeader>(
    `INSERT INTO assinaturas (tenant_id, plano_id, status) VALUES (?, ?, 'pending')`,
    [tenantId, planoId],
  );
  await logSubscriptionEvent(connection, result.insertId, null, 'pending', autoria);
  return result.insertId;
}
