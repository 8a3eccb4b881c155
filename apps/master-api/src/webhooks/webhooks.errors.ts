import { DomainError } from '@helix/contracts';

export type WebhooksError = DomainError<'webhooks', 'WEBHOOK_NOT_CONFIGURED' | 'SIGNATURE_EXPIRED' | 'INVALID_SIGNATURE'>;

export const webhooksErrors = {
  notConfigured: (): WebhooksError =>
    new DomainError('webhooks', 'WEBHOOK_NOT_CONFIGURED', 'Webhook do Mercado Pago não configurado (MERCADOPAGO_WEBHOOK_SECRET).'),
  signatureExpired: (): WebhooksError => new DomainError('webhooks', 'SIGNATURE_EXPIRED', 'Assinatura da notificação expirada.'),
  invalidSignature: (): WebhooksError => new DomainError('webhooks', 'INVALID_SIGNATURE', 'Assinatura da notificação inválida.'),
};
