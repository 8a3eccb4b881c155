import { pagination } from '@helix/http';
import { z } from 'zod';

export const CONVERSA_STATUSES = ['novo', 'em_andamento', 'negociando', 'fechado', 'perdido'] as const;
/** A conversation in these statuses is over: the customer's next message opens a new one. */
export const CLOSED_CONVERSA_STATUSES = ['fechado', 'perdido'] as const;

export const listConversasQuery = z.strictObject({
  ...pagination,
  status: z.enum(CONVERSA_STATUSES).optional(),
  cliente_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type ListConversasQuery = z.infer<typeof listConversasQuery>;

export const updateConversaSchema = z.strictObject({ status: z.enum(CONVERSA_STATUSES) });
