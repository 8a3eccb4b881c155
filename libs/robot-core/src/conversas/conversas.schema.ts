import { pagination } from '@helix/http';
import { z } from 'zod';

/**
 * 'fechado' and 'perdido' end a conversation: they take it out of the tenant template's one-open-
 * conversation-per-customer key (`open_customer_id`), so the customer's next message opens a new one.
 */
export const CONVERSA_STATUSES = ['novo', 'em_andamento', 'negociando', 'fechado', 'perdido'] as const;

export const listConversasQuery = z.strictObject({
  ...pagination,
  status: z.enum(CONVERSA_STATUSES).optional(),
  cliente_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type ListConversasQuery = z.infer<typeof listConversasQuery>;

export const updateConversaSchema = z.strictObject({ status: z.enum(CONVERSA_STATUSES) });
