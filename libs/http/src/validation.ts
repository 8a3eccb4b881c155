import type { z } from 'zod';
import { AppError } from './app-error';

/** Parses one part of a request; a failure is a 400 listing each offending field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw new AppError(
    400,
    'VALIDATION_FAILED',
    'Dados inválidos na requisição.',
    result.error.issues.slice(0, 20).map((issue) => ({
      campo: [part, ...issue.path.map(String)].join('.'),
      problema: issue.message,
    })),
  );
}
