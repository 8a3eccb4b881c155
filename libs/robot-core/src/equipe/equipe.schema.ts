import { INVITE_TOKEN_PATTERN, loginPasswordSchema, newPasswordSchema } from '@helix/sessions';
import { z } from 'zod';
import { line } from '../common.schema';

export const PAPEIS = ['dono', 'vendedor'] as const;
export type Papel = (typeof PAPEIS)[number];

const email = z.string().trim().toLowerCase().max(254).pipe(z.email('e-mail inválido'));

export const loginSchema = z.strictObject({ email, senha: loginPasswordSchema });

export const acceptInviteSchema = z.strictObject({
  token: z.string().regex(INVITE_TOKEN_PATTERN, 'convite inválido'),
  senha: newPasswordSchema,
});

export const createUsuarioSchema = z.strictObject({ email, nome: line(255), papel: z.enum(PAPEIS) });
export type CreateUsuarioInput = z.infer<typeof createUsuarioSchema>;

export const updateUsuarioSchema = z
  .strictObject({ nome: line(255).optional(), papel: z.enum(PAPEIS).optional(), ativo: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo: nome, papel ou ativo');
export type UpdateUsuarioInput = z.infer<typeof updateUsuarioSchema>;

/** Who is calling, as the store's database says now (the token only names the account). */
export interface StaffMember {
  id: number;
  email: string;
  nome: string;
  papel: Papel;
}
