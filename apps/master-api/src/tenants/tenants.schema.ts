import { LIVE_TENANT_STATUSES, ROBOT_VERTICALS, TENANT_STATUSES } from '@helix/contracts';
import { pagination } from '@helix/http';
import { onboardTenantSchema, tenantDominio, tenantNome } from '@helix/tenant-ops';
import { z } from 'zod';
import { emailPagador } from '../assinaturas/assinaturas.schema';

export const createTenantSchema = onboardTenantSchema.extend({
  /** Opens the subscription's Mercado Pago checkout right away. */
  email_pagador: emailPagador.optional(),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

/** The store's own uploaded photo, as the robots name it (`/fotos/<random>.<ext>`). */
const STORE_PHOTO_PATH = /^\/fotos\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;
const HTTPS_URL = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

/** The storefront's logo: an https:// image (the pages' CSP allows https: images) or a photo of the store itself. */
export const tenantLogoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((url) => STORE_PHOTO_PATH.test(url) || HTTPS_URL.safeParse(url).success, 'use uma URL https:// ou uma foto da loja (/fotos/...)');

export const tenantCorPrimaria = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'use uma cor no formato #rrggbb')
  .transform((cor) => cor.toLowerCase());

/** What a store's look is made of: its name, logo and main colour (null: the app's default). */
export const lojaLookFields = {
  nome: tenantNome.optional(),
  logo_url: tenantLogoUrl.nullable().optional(),
  cor_primaria: tenantCorPrimaria.nullable().optional(),
};

export const updateTenantSchema = z
  .strictObject({
    ...lojaLookFields,
    dominio: tenantDominio.nullable().optional(),
    status: z.enum(LIVE_TENANT_STATUSES).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo: nome, dominio, status, logo_url ou cor_primaria');
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

export const listTenantsQuery = z.object({
  /** Part of the key or the name. */
  busca: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'a busca contém caracteres de controle')
    .optional(),
  robo_tipo: z.enum(ROBOT_VERTICALS).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  ...pagination,
});
export type ListTenantsQuery = z.infer<typeof listTenantsQuery>;
