import { z } from 'zod';
import { line } from '../common.schema';

/** Shapes only: the master checks what a logo and a colour may be, and its refusal is passed on (400). */
export const lojaLookSchema = z
  .strictObject({
    nome: line(255).optional(),
    logo_url: z.string().trim().max(500).nullable().optional(),
    cor_primaria: z.string().trim().max(7).nullable().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo: nome, logo_url ou cor_primaria');
export type LojaLookInput = z.infer<typeof lojaLookSchema>;
