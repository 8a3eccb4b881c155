import { REQUEST_KINDS, type RequestKind } from '@helix/contracts';
import { z } from 'zod';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

export const planoIdParam = z.object({ id: z.coerce.number().int().positive().max(4_294_967_295) });

const fields = {
  nome: z.string().trim().min(2).max(100).regex(PRINTABLE, 'o nome contém caracteres de controle'),
  /** Centavos de BRL; up to R$ 1.000.000,00 a month. */
  preco_mensal: z.number().int().min(0).max(100_000_000),
  limite_mensagens: z.number().int().min(0).max(1_000_000_000),
  limite_tokens: z.number().int().min(0).max(1_000_000_000_000),
  ativo: z.boolean(),
};

/** A plan's request rates as flat fields (`vitrine_por_minuto`, `vitrine_rajada`, …), one pair per request kind. */
export type RateField = `${RequestKind}_por_minuto` | `${RequestKind}_rajada`;
export const RATE_FIELDS: readonly RateField[] = REQUEST_KINDS.flatMap((kind) => [`${kind}_por_minuto`, `${kind}_rajada`] as const);
/** At least 1 (a rate of 0 would refuse every request: suspend the tenant instead); up to 1,000 a second. */
const rate = z.number().int().min(1).max(60_000);
const optionalRateFields = Object.fromEntries(RATE_FIELDS.map((field) => [field, rate.optional()])) as Record<
  RateField,
  z.ZodOptional<typeof rate>
>;

/** Rates left out take the column defaults (DEFAULT_REQUEST_RATES). */
export const createPlanoSchema = z.strictObject({ ...fields, ativo: fields.ativo.default(true), ...optionalRateFields });
export type CreatePlanoInput = z.infer<typeof createPlanoSchema>;

export const updatePlanoSchema = z
  .strictObject({
    nome: fields.nome.optional(),
    preco_mensal: fields.preco_mensal.optional(),
    limite_mensagens: fields.limite_mensagens.optional(),
    limite_tokens: fields.limite_tokens.optional(),
    ativo: fields.ativo.optional(),
    ...optionalRateFields,
  })
  .refine((patch) => Object.keys(patch).length > 0, 'informe ao menos um campo');
export type UpdatePlanoInput = z.infer<typeof updatePlanoSchema>;

export const listPlanosQuery = z.object({
  ativo: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
