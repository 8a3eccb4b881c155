import { isoInstant } from '@helix/http';
import { z } from 'zod';

const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const MULTILINE = /^[^\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/u;

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** One line of human text (names, brands, titles). */
export const line = (max: number) => z.string().trim().min(1).max(max).regex(PRINTABLE, 'contém caracteres de controle');

/** Free text that may span lines (descriptions, notes, chat messages). */
export const text = (max: number) => z.string().trim().min(1).max(max).regex(MULTILINE, 'contém caracteres de controle');

/** Brazilian or international phone; punctuation is dropped so one customer has one key. */
export const telefone = z
  .string()
  .trim()
  .max(32)
  .transform((raw) => raw.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+?\d{8,15}$/, 'telefone inválido (ex.: 11987654321 ou +5511987654321)'));

/** Money in reais with at most two decimals. */
export const reais = z.number().nonnegative().max(999_999_999_999).multipleOf(0.01);

/** An appointment slot: on the hour or half hour (so "the same slot" means something). */
export const slot = isoInstant().refine(
  (date) => date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0 && date.getUTCMinutes() % 30 === 0,
  'use horários cheios ou meias horas (ex.: 2026-12-01T14:30:00-03:00)',
);
