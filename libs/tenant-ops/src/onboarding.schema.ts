import { RESERVED_TENANT_KEYS, ROBOT_VERTICALS, TENANT_KEY_PATTERN } from '@helix/contracts';
import { z } from 'zod';

/** Lower-case ASCII host names with a TLD of letters: no IP literals, no look-alike unicode (use punycode). */
const HOSTNAME_PATTERN = /^(?=.{4,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

export const newTenantKey = z
  .string()
  .regex(TENANT_KEY_PATTERN, 'use 3 a 40 caracteres: letras minúsculas, dígitos e _, começando por letra')
  .refine((key) => !RESERVED_TENANT_KEYS.has(key), 'esta chave é reservada');

export const tenantDominio = z
  .string()
  .max(253)
  .transform((host) => host.toLowerCase())
  .pipe(z.string().regex(HOSTNAME_PATTERN, 'domínio inválido (ex.: loja.exemplo.com.br)'));

export const tenantNome = z.string().trim().min(2).max(255).regex(PRINTABLE, 'o nome contém caracteres de controle');

/** What onboarding needs, whoever asks: `POST /tenants` (which adds its own fields) and `helix tenants create`. */
export const onboardTenantSchema = z.strictObject({
  tenant_key: newTenantKey,
  nome: tenantNome,
  robo_tipo: z.enum(ROBOT_VERTICALS),
  dominio: tenantDominio.optional(),
  plano_id: z.number().int().positive().optional(),
  /** The store's owner: invited to its back office (/painel) with a one-time link, in the answer only. */
  email_responsavel: z.string().trim().toLowerCase().max(254).pipe(z.email('e-mail inválido')).optional(),
});
export type OnboardTenantInput = z.infer<typeof onboardTenantSchema>;
