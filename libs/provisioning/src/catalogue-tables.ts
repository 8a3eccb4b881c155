import type { RobotVertical } from '@helix/contracts';

/**
 * The tables a vertical's storefront shows to anyone (infra/tenant/<robo>/): the catalogue and its
 * photos. Only these are granted to the vertical's catalogue reader; customers, conversations,
 * messages, bookings and the outbox never are.
 */
export const CATALOGUE_TABLES: Record<RobotVertical, readonly string[]> = {
  carros: ['cars', 'car_images'],
  imoveis: ['imoveis', 'imagens'],
};
