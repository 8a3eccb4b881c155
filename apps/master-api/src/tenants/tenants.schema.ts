import { pagination } from '@helix/http';
import { ROBO_TIPOS } from '@helix/provisioning';
import { onboardTenantSchema, tenantDominio, tenantNome } from '@helix/tenant-ops';
import { z } from 'zod';
import { emailPagador } from '../assinaturas/assinaturas.schema';

export const createTenantSchema = onboardTenantSchema.extend({
  /** Opens the subscription's Mercado Pago checkout right away. */
  email_pagador: emailPagador.optional(),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const updateTenantSchema = z
  .strictObject({
    nome: tenantNome.optional(),
    dominio: tenantDominio.nullable().optional(),
    status: z.enum(['active', 'suspended']).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo: nome, dominio ou status');
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

export const listTenantsQuery = z.object({
  robo_tipo: z.enum(ROBO_TIPOS).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  ...pagination,
});
export type ListTenantsQuery = z.infer<typeof listTenantsQuery>;
