import { DomainError } from '@helix/contracts';

export type MercadoPagoUnavailable = DomainError<'mercadopago', 'MERCADOPAGO_UNAVAILABLE'>;

/** Mercado Pago did not do what was asked; `message` says what that leaves for the client to do. */
export const mercadoPagoUnavailable = (message: string): MercadoPagoUnavailable =>
  new DomainError('mercadopago', 'MERCADOPAGO_UNAVAILABLE', message);
