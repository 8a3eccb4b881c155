import { loginPasswordSchema, newPasswordSchema } from '@helix/sessions';
import { z } from 'zod';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

const email = z.string().trim().toLowerCase().email().max(254);
const nome = z.string().trim().min(1).max(255).regex(PRINTABLE, 'o nome contém caracteres de controle');
/** Length here; the check against common passwords (WEAK_PASSWORD) is the service's. */
const newPassword = newPasswordSchema;

export const ADMIN_ROLES = ['admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const loginSchema = z.object({
  email,
  password: loginPasswordSchema,
});

export const createAdminSchema = z.strictObject({
  email,
  nome,
  password: newPassword,
  role: z.enum(ADMIN_ROLES),
});
export type CreateAdminInput = z.infer<typeof createAdminSchema>;

export const updateAdminSchema = z
  .strictObject({
    nome: nome.optional(),
    role: z.enum(ADMIN_ROLES).optional(),
    ativo: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo: nome, role ou ativo');
export type UpdateAdminInput = z.infer<typeof updateAdminSchema>;

export const changePasswordSchema = z.strictObject({
  senha_atual: loginPasswordSchema,
  nova_senha: newPassword,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Decimal digits only (no `1e3`, `0x10`, signs or spaces), within INT UNSIGNED. */
export const adminIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'id inválido')
    .transform(Number)
    .pipe(z.number().max(4_294_967_295, 'id inválido')),
});

/** Who is calling, as the database says now (the token only names the account). */
export interface AdminPrincipal {
  id: number;
  email: string;
  nome: string;
  role: AdminRole;
}
