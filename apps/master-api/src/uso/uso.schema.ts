import { TENANT_KEY_PATTERN, USAGE_BATCH_MAX_EVENTS } from '@helix/contracts';
import { isoInstant, yearMonth } from '@helix/http';
import { z } from 'zod';

/** Far above one AI reply; a bigger number is a bug or an attack, not usage. */
export const MAX_MENSAGENS_POR_EVENTO = 1_000;
export const MAX_TOKENS_POR_EVENTO = 2_000_000;
/** Older events would change months already invoiced. */
export const MAX_EVENT_AGE_DAYS = 400;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The envelope only: each event is checked on its own so one bad event never sinks the batch. */
export const usageBatchSchema = z.strictObject({
  eventos: z.array(z.unknown()).max(USAGE_BATCH_MAX_EVENTS, `no máximo ${USAGE_BATCH_MAX_EVENTS} eventos por lote`),
});

export const usageEventSchema = z.object({
  id: z
    .string()
    .regex(UUID_PATTERN, 'use um UUID')
    .transform((id) => id.toLowerCase()),
  tenant_key: z.string().regex(TENANT_KEY_PATTERN, 'chave de cliente inválida'),
  mensagens: z.number().int().min(0).max(MAX_MENSAGENS_POR_EVENTO),
  tokens: z.number().int().min(0).max(MAX_TOKENS_POR_EVENTO),
  at: isoInstant(),
});
export type UsageEvent = z.infer<typeof usageEventSchema>;

export const mesQuery = z.object({ mes: yearMonth.optional() });

export const listAlertasQuery = z.object({
  mes: yearMonth.optional(),
  tenant_key: z.string().regex(TENANT_KEY_PATTERN, 'chave de cliente inválida').optional(),
});
