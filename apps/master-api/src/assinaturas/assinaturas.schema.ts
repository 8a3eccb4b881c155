import { isoInstant } from '@helix/http';
import { z } from 'zod';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

export const assinaturaIdParam = z.object({ id: z.coerce.number().int().positive().max(4_294_967_295) });

/** Mercado Pago needs the payer's e-mail to open a subscription checkout. */
export const emailPagador = z.string().trim().toLowerCase().email().max(254);

export const createAssinaturaSchema = z.strictObject({
  plano_id: z.number().int().positive().max(4_294_967_295),
  email_pagador: emailPagador.optional(),
});
export type CreateAssinaturaInput = z.infer<typeof createAssinaturaSchema>;

/** By hand, for payments settled outside Mercado Pago: activate (optionally until a date) or cancel. */
export const updateAssinaturaSchema = z.strictObject({
  status: z.enum(['active', 'cancelled']),
  data_fim: isoInstant({ wholeSeconds: true }).nullable().optional(),
  motivo: z.string().trim().min(3).max(255).regex(PRINTABLE, 'o motivo contém caracteres de controle').optional(),
});
export type UpdateAssinaturaInput = z.infer<typeof updateAssinaturaSchema>;
