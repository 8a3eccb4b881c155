import { z } from 'zod';
import { line, telefone, text } from '../common.schema';

export const chatSchema = z.strictObject({
  telefone,
  mensagem: text(4_000),
  nome: line(255).optional(),
});
