import { defineRoute } from '@helix/http';
import { z } from 'zod';
import type { MercadoPagoWebhookService } from './mercadopago-webhook.service';

const resourceId = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'identificador inválido');
const topic = z
  .string()
  .max(64)
  .regex(/^[a-z_.]+$/, 'tipo inválido');

/** Mercado Pago also sends fields of its own; only these are read, and none of the body is trusted. */
const webhookQuery = z.looseObject({ 'data.id': resourceId.optional(), type: topic.optional() });
const webhookBody = z.looseObject({ type: topic.optional() }).optional();

export function webhooksRoutes(mercadoPago: MercadoPagoWebhookService) {
  return [
    defineRoute({
      method: 'post',
      path: '/webhooks/mercadopago',
      tag: 'Webhooks',
      summary: 'Notificação do Mercado Pago (x-signature verificada; o estado real é consultado na API; idempotente)',
      query: webhookQuery,
      body: webhookBody,
      errors: { 401: 'Assinatura inválida ou expirada', 502: 'Mercado Pago indisponível (ele reenvia)', 503: 'Webhook não configurado' },
      handle: ({ query, body, req }) =>
        mercadoPago.receive({
          dataId: query['data.id'],
          type: query.type ?? body?.type,
          signature: req.get('x-signature'),
          requestId: req.get('x-request-id')?.slice(0, 128),
        }),
    }),
  ];
}
