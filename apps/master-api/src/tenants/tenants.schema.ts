import { TENANT_KEY_PATTERN } from '@helix/contracts';
import { pagination } from '@helix/http';
import { ROBO_TIPOS } from '@helix/provisioning';
import { z } from 'zod';
import { emailPagador } from '../assinaturas/assinaturas.schema';
import { RESERVED_TENANT_KEYS } from './reserved-tenant-keys.constant';

/** Lower-case ASCII host names with a TLD of letters: no IP literals, no look-alike unicode (use punycode). */
const HOSTNAME_PATTERN = /^(?=.{4,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

export const tenantKeyParam = z.object({
  key: z.string().regex(TENANT_KEY_PATTERN, 'chave de cliente inválida'),
});

const tenantKey = z
  .string()
  .regex(TENANT_KEY_PATTERN, 'use 3 a 40 caracteres: letras minúsculas, dígitos e _, começando por letra')
  .refine((key) => !RESERVED_TENANT_KEYS.has(key), 'esta chave é reservada');

const dominio = z
  .string()
  .max(253)
  .transform((host) => host.toLowerCase())
  .pipe(z.string().regex(HOSTNAME_PATTERN, 'domínio inválido (ex.: loja.exemplo.com.br)'));

const nome = z.string().trim().min(2).max(255).regex(PRINTABLE, 'o nome contém caracteres de controle');

export const createTenantSchema = z.strictObject({
  tenant_key: tenantKey,
  nome,
  robo_tipo: z.enum(ROBO_TIPOS),
  dominio: dominio.optional(),
  plano_id: z.number().int().positive().optional(),
  /** Opens the subscription's Mercado Pago checkout right away. */
  email_pagador: emailPagador.optional(),
});
export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const updateTenantSchema = z
  .strictObject({
    nome: nome.optional(),
    dominio: dominio.nullable().optional(),
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
