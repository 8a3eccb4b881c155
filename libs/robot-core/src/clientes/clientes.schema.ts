import { pagination } from '@helix/http';
import { z } from 'zod';
import { line, telefone, text } from '../common.schema';

const cpf = z
  .string()
  .trim()
  .regex(/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/, 'CPF inválido (ex.: 123.456.789-09)');

export const createClienteSchema = z.strictObject({
  telefone,
  nome: line(255).optional(),
  email: z.email().max(255).optional(),
  cpf: cpf.optional(),
  observacoes: text(5_000).optional(),
});
export type CreateClienteInput = z.infer<typeof createClienteSchema>;

export const updateClienteSchema = z
  .strictObject({
    nome: line(255).nullable(),
    email: z.email().max(255).nullable(),
    cpf: cpf.nullable(),
    observacoes: text(5_000).nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo');
export type UpdateClienteInput = z.infer<typeof updateClienteSchema>;

export const listClientesQuery = z.strictObject({
  ...pagination,
  /** Part of the name or phone. */
  busca: line(100).optional(),
});
export type ListClientesQuery = z.infer<typeof listClientesQuery>;
