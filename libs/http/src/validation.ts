import type { z } from 'zod';
import { HttpError } from './http-error';

/** One refused field of a request, as the 400 answer lists it. */
export interface InvalidField {
  campo: string;
  problema: string;
}

/** The 400 every refused input gets, whether a schema or a rule that needs the request refused it. */
export function validationFailed(fields: InvalidField[]): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', 'Dados inválidos na requisição.', fields);
}

/** Parses one part of a request; a failure is a 400 listing each offending field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw validationFailed(
    result.error.issues.slice(0, 20).map((issue) => ({
      campo: [part, ...issue.path.map(String)].join('.'),
      problema: issue.message,
    })),
  );
}
