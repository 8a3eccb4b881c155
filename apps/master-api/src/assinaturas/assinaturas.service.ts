import type { Logger } from '@helix/http';
import type { TenantRegistry } from '@helix/tenant-ops';
import { MercadoPagoError, type MercadoPagoClient, type Preapproval } from '../mercadopago/mercadopago.client';
import { mercadoPagoUnavailable } from '../mercadopago/mercadopago.errors';
import type { PlanosRepository } from '../planos/planos.repository';
import { tenantNotFound } from '../tenants/tenants.errors';
import { canTransition, type AssinaturaStatus } from './assinatura-status';
import { toAssinaturaView, toEventoView } from './assinatura.view';
import { assinaturasErrors } from './assinaturas.errors';
import type { AssinaturaRow, AssinaturasRepository, Autoria, Replaced } from './assinaturas.repository';
import type { CreateAssinaturaInput, UpdateAssinaturaInput } from './assinaturas.schema';
import type { RobotNotice } from '../tenants/robot-notice';

/** What Mercado Pago's subscription statuses mean here; any other status changes nothing. */
const FROM_PREAPPROVAL: Record<string, AssinaturaStatus> = {
  pending: 'pending',
  authorized: 'active',
  paused: 'past_due',
  cancelled: 'cancelled',
};

const CHECKOUT_MESSAGES = {
  created: 'Envie o link de pagamento ao cliente; a assinatura é ativada quando o Mercado Pago confirmar o pagamento.',
  notConfigured:
    'Checkout não gerado: Mercado Pago não configurado (MERCADOPAGO_ACCESS_TOKEN). A assinatura ficou pendente; um administrador pode ativá-la com PATCH /assinaturas/:id.',
  noEmail: 'Checkout não gerado: informe email_pagador para criar o link de pagamento do Mercado Pago. A assinatura ficou pendente.',
  failed: 'O Mercado Pago não criou o checkout e a assinatura pendente foi cancelada; tente novamente com POST /tenants/:key/assinaturas.',
} as const;

export interface Checkout {
  checkout_url: string | null;
  checkout: { status: 'created' | 'skipped' | 'failed'; mensagem: string };
}

/** The notification a Mercado Pago delivery carried, identified by its (signed) HMAC. */
export interface MercadoPagoNotification {
  hmac: string;
  requestId?: string;
  tipo?: string;
  recursoId?: string;
}

export type NotificationOutcome = 'aplicada' | 'sem_mudanca' | 'ignorada' | 'desconhecida' | 'duplicada';

/** Dates a subscription gets when it moves: activation starts it, an ending closes it now at the latest. */
function datesFor(row: AssinaturaRow, to: AssinaturaStatus, now: Date, dataFim?: Date | null) {
  const endsNow = to === 'cancelled' || to === 'expired';
  return {
    data_inicio: to === 'active' ? (row.data_inicio ?? now) : row.data_inicio,
    data_fim: dataFim !== undefined ? dataFim : endsNow ? (row.data_fim && row.data_fim < now ? row.data_fim : now) : row.data_fim,
  };
}

export class AssinaturasService {
  constructor(
    private readonly deps: {
      assinaturas: AssinaturasRepository;
      tenants: TenantRegistry;
      planos: PlanosRepository;
      mercadoPago: MercadoPagoClient | null;
      backUrl: string;
      logger: Logger;
      clock: () => Date;
      robots: RobotNotice;
    },
  ) {}

  /** A new pending subscription and its Mercado Pago checkout; the current plan serves until it is paid. */
  async create(tenantKey: string, input: CreateAssinaturaInput, admin: string) {
    const tenant = await this.deps.tenants.findLive(tenantKey);
    if (!tenant) throw tenantNotFound(tenantKey);
    if (!(await this.deps.planos.findActive(input.plano_id))) throw assinaturasErrors.planoUnavailable(input.plano_id);
    if (this.deps.mercadoPago && !input.email_pagador) throw assinaturasErrors.emailPagadorRequired();
    const id = await this.deps.assinaturas.inTransaction((connection) =>
      this.deps.assinaturas.insertPending(connection, tenant.id, input.plano_id, { origem: 'admin', autor: admin }),
    );
    const checkout = await this.checkout(await this.require(id), input.email_pagador);
    if (checkout.checkout.status === 'failed') throw mercadoPagoUnavailable(checkout.checkout.mensagem);
    return { assinatura: await this.get(id), ...checkout };
  }

  /** Onboarding's pending subscription gets its checkout too; a failure there never undoes the tenant. */
  async withCheckout<R extends { assinatura: { id: number } | null }>(result: R, emailPagador: string | undefined) {
    if (!result.assinatura) return result;
    const checkout = await this.checkout(await this.require(result.assinatura.id), emailPagador);
    return { ...result, assinatura: { ...result.assinatura, ...checkout } };
  }

  async get(id: number) {
    const row = await this.require(id);
    const historico = await this.deps.assinaturas.history(id);
    return { ...toAssinaturaView(row, this.deps.clock()), historico: historico.map(toEventoView) };
  }

  async listByTenant(tenantKey: string) {
    const tenant = await this.deps.tenants.findLive(tenantKey);
    if (!tenant) throw tenantNotFound(tenantKey);
    const now = this.deps.clock();
    return { data: (await this.deps.assinaturas.listByTenant(tenant.id)).map((row) => toAssinaturaView(row, now)) };
  }

  /** An admin activates (e.g. paid by bank transfer, optionally until `data_fim`) or cancels by hand. */
  async update(id: number, input: UpdateAssinaturaInput, admin: string) {
    const row = await this.require(id);
    const renewal = row.status === 'active' && input.status === 'active';
    if (!renewal && !canTransition(row.status, input.status)) {
      throw assinaturasErrors.invalidTransition(row.status, input.status);
    }
    if (input.status === 'cancelled' && row.mp_preapproval_id) await this.stopBilling(row.mp_preapproval_id, true);
    const applied = await this.move(row, input.status, { origem: 'admin', autor: admin, motivo: input.motivo }, input.data_fim);
    if (!applied) throw assinaturasErrors.concurrentChange('A assinatura mudou enquanto isto era feito; consulte-a e tente novamente.');
    return this.get(id);
  }

  /**
   * Applies what Mercado Pago says a subscription is now (fetched from its API, never taken from the
   * notification body). The delivery is claimed in the same transaction, so a replay changes nothing.
   */
  async applyMercadoPago(preapproval: Preapproval, notification: MercadoPagoNotification): Promise<NotificationOutcome> {
    const row = await this.deps.assinaturas.findByPreapproval(preapproval.id);
    const to = FROM_PREAPPROVAL[preapproval.status];
    const autoria: Autoria = {
      origem: 'mercadopago',
      autor: `mercadopago:${notification.requestId ?? notification.hmac}`,
      motivo: `preapproval ${preapproval.status}`,
    };
    let outcome: NotificationOutcome;
    if (!row) outcome = 'desconhecida';
    else if (!to) outcome = 'ignorada';
    else if (row.status === to) outcome = 'sem_mudanca';
    else if (!canTransition(row.status, to)) {
      this.deps.logger.warn({ assinatura: row.id, from: row.status, to }, 'mercado pago status not applicable; ignored');
      outcome = 'ignorada';
    } else outcome = 'aplicada';
    if (outcome !== 'aplicada') return this.recordNotification(notification, outcome);

    const endDate = preapproval.auto_recurring?.end_date;
    const now = this.deps.clock();
    const result = await this.deps.assinaturas.inTransaction(async (connection) => {
      if (!(await this.deps.assinaturas.claimNotification(connection, notification, outcome))) return null;
      const moved = await this.deps.assinaturas.transition(
        connection,
        row!,
        { from: row!.status, to: to!, now, ...datesFor(row!, to!, now, endDate ?? undefined) },
        autoria,
      );
      // Rolled back with the claim: Mercado Pago delivers again and the change is re-evaluated.
      if (!moved.applied) throw assinaturasErrors.concurrentChange('A assinatura mudou durante a notificação; o Mercado Pago reenviará.');
      return moved;
    });
    if (!result) return 'duplicada';
    this.deps.robots.tenantKeyChanged(row!.tenant_key);
    await this.stopReplaced(result.replaced);
    return 'aplicada';
  }

  async notificationSeen(hmac: string): Promise<boolean> {
    return this.deps.assinaturas.notificationSeen(hmac);
  }

  /** Records a delivery that changes nothing, so a replay is recognised; 'duplicada' if it already was. */
  async recordNotification(notification: MercadoPagoNotification, outcome: NotificationOutcome): Promise<NotificationOutcome> {
    const claimed = await this.deps.assinaturas.inTransaction((connection) =>
      this.deps.assinaturas.claimNotification(connection, notification, outcome),
    );
    return claimed ? outcome : 'duplicada';
  }

  private async checkout(row: AssinaturaRow, emailPagador: string | undefined): Promise<Checkout> {
    const { mercadoPago } = this.deps;
    if (!mercadoPago) return { checkout_url: null, checkout: { status: 'skipped', mensagem: CHECKOUT_MESSAGES.notConfigured } };
    if (!emailPagador) return { checkout_url: null, checkout: { status: 'skipped', mensagem: CHECKOUT_MESSAGES.noEmail } };
    try {
      const preapproval = await mercadoPago.createPreapproval(
        {
          reason: `HelixAI ${row.plano_nome} — ${row.tenant_nome}`.slice(0, 250),
          external_reference: `assinatura:${row.id}`,
          payer_email: emailPagador,
          back_url: this.deps.backUrl,
          transaction_amount: row.preco_mensal / 100,
        },
        `helix-assinatura-${row.id}`,
      );
      const url = preapproval.init_point ?? null;
      await this.deps.assinaturas.setCheckout(row.id, preapproval.id, url);
      return { checkout_url: url, checkout: { status: 'created', mensagem: CHECKOUT_MESSAGES.created } };
    } catch (error) {
      if (!(error instanceof MercadoPagoError)) throw error;
      this.deps.logger.error({ err: error, assinatura: row.id }, 'mercado pago checkout failed');
      await this.move(row, 'cancelled', { origem: 'sistema', autor: 'checkout', motivo: 'o Mercado Pago não criou o checkout' });
      return { checkout_url: null, checkout: { status: 'failed', mensagem: CHECKOUT_MESSAGES.failed } };
    }
  }

  /** One transition in its own transaction; afterwards stops charging for a subscription it replaced. */
  private async move(row: AssinaturaRow, to: AssinaturaStatus, autoria: Autoria, dataFim?: Date | null): Promise<boolean> {
    const now = this.deps.clock();
    const result = await this.deps.assinaturas.inTransaction((connection) =>
      this.deps.assinaturas.transition(connection, row, { from: row.status, to, now, ...datesFor(row, to, now, dataFim) }, autoria),
    );
    if (result.applied) this.deps.robots.tenantKeyChanged(row.tenant_key);
    await this.stopReplaced(result.replaced);
    return result.applied;
  }

  /** The plan change already took effect; a failure to stop the old charge is logged for an operator. */
  private async stopReplaced(replaced: Replaced | null): Promise<void> {
    if (replaced?.mp_preapproval_id) await this.stopBilling(replaced.mp_preapproval_id, false);
  }

  private async stopBilling(preapprovalId: string, required: boolean): Promise<void> {
    if (!this.deps.mercadoPago) return;
    try {
      await this.deps.mercadoPago.cancelPreapproval(preapprovalId);
    } catch (error) {
      if (!(error instanceof MercadoPagoError)) throw error;
      this.deps.logger.error({ err: error, preapproval: preapprovalId }, 'could not cancel the Mercado Pago subscription');
      if (required) throw mercadoPagoUnavailable('O Mercado Pago não cancelou a cobrança; nada foi alterado. Tente novamente.');
    }
  }

  private async require(id: number): Promise<AssinaturaRow> {
    const row = await this.deps.assinaturas.findById(id);
    if (!row) throw assinaturasErrors.notFound(id);
    return row;
  }
}
