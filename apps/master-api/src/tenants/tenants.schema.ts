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

export const updateTenantSchema = z
  .strictObject({
    nome: tenantNome.optional(),
    dominio: tenantDominio.nullable().optional(),
    status: z.enum(LIVE_TENANT_STATUSES).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo: nome, dominio ou status');
export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

export const listTenantsQuery = z.object({
  robo_tipo: z.enum(ROBOT_VERTICALS).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  ...pagination,
});
export type ListTenantsQuery = z.infer<typeof listTenantsQuery>;
