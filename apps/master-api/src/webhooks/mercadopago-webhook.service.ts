import type { Logger } from '@helix/http';
import type { AssinaturasService, NotificationOutcome } from '../assinaturas/assinaturas.service';
import { verifySignature } from '../mercadopago/mercadopago-signature';
import { MercadoPagoError, type MercadoPagoClient } from '../mercadopago/mercadopago.client';
import { mercadoPagoUnavailable } from '../mercadopago/mercadopago.errors';
import { webhooksErrors } from './webhooks.errors';

/** Topics about a subscription (PreApproval); other notifications are acknowledged and left alone. */
const PREAPPROVAL_TOPICS = new Set(['subscription_preapproval', 'preapproval']);

export interface WebhookDelivery {
  dataId?: string;
  type?: string;
  signature?: string;
  requestId?: string;
}

export class MercadoPagoWebhookService {
  constructor(
    private readonly deps: {
      assinaturas: AssinaturasService;
      mercadoPago: MercadoPagoClient | null;
      secret: string | undefined;
      toleranceSeconds: number;
      clock: () => Date;
      logger: Logger;
    },
  ) {}

  async receive(delivery: WebhookDelivery): Promise<{ status: NotificationOutcome }> {
    const { secret, mercadoPago } = this.deps;
    if (!secret) throw webhooksErrors.notConfigured();
    const check = verifySignature({
      header: delivery.signature,
      requestId: delivery.requestId,
      dataId: delivery.dataId,
      secret,
      now: this.deps.clock(),
      toleranceSeconds: this.deps.toleranceSeconds,
    });
    if (!check.ok) {
      this.deps.logger.warn({ reason: check.reason, request_id: delivery.requestId }, 'mercado pago notification refused');
      throw check.reason === 'stale' ? webhooksErrors.signatureExpired() : webhooksErrors.invalidSignature();
    }
    const notification = { hmac: check.v1, requestId: delivery.requestId, tipo: delivery.type, recursoId: delivery.dataId };
    if (!mercadoPago || !delivery.dataId || !PREAPPROVAL_TOPICS.has(delivery.type ?? '')) {
      return { status: await this.deps.assinaturas.recordNotification(notification, 'ignorada') };
    }
    if (await this.deps.assinaturas.notificationSeen(check.v1)) return { status: 'duplicada' };
    let preapproval;
    try {
      preapproval = await mercadoPago.getPreapproval(delivery.dataId);
    } catch (error) {
      if (!(error instanceof MercadoPagoError)) throw error;
      // Not a subscription of this account: nothing to apply, and nothing to retry.
      if (error.status === 404) return { status: await this.deps.assinaturas.recordNotification(notification, 'desconhecida') };
      this.deps.logger.error({ err: error, preapproval: delivery.dataId }, 'mercado pago lookup failed');
      // Not recorded: Mercado Pago delivers again and the lookup is retried.
      throw mercadoPagoUnavailable('Não foi possível consultar a assinatura no Mercado Pago; tente novamente.');
    }
    return { status: await this.deps.assinaturas.applyMercadoPago(preapproval, notification) };
  }
}
