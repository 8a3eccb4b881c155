import { TENANT_KEY_PATTERN } from '@helix/contracts';
import { z } from 'zod';

/** A tenant by its key or by its custom domain, never both (robots' resolution and the web service's stores). */
export const tenantLookup = z.union([
  z.strictObject({ key: z.string().regex(TENANT_KEY_PATTERN, 'chave de cliente inválida') }),
  z.strictObject({
    host: z
      .string()
      .max(253)
      .regex(/^[a-z0-9.-]+$/i, 'host inválido')
      .transform((h) => h.toLowerCase()),
  }),
]);
