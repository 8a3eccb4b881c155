import { isApiError } from './api';

/**
 * The fields a 400 `VALIDATION_FAILED` refused, by field name (`telefone`), with the server's pt-BR
 * reason: `details` is `[{campo: 'body.telefone', problema}]`.
 */
export function fieldProblems(error: unknown): Record<string, string> {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return {};
  const problems: Record<string, string> = {};
  for (const entry of error.details as { campo?: unknown; problema?: unknown }[]) {
    if (typeof entry?.campo !== 'string' || typeof entry.problema !== 'string') continue;
    const field = entry.campo.replace(/^(body|query|params)\./, '');
    problems[field] ??= entry.problema;
  }
  return problems;
}
