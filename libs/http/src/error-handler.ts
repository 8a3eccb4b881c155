import { DomainError } from '@helix/contracts';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ErrorAnswers } from './error-statuses';
import { HttpError } from './http-error';

/** What an error is answered with. */
interface ErrorAnswer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
  quiet?: boolean;
}

/** The body of every error answer: `{ error: { code, message, details? } }`. */
export const errorBody = (error: Pick<ErrorAnswer, 'code' | 'message' | 'details'>) => ({
  error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
});

const INTERNAL_ERROR: ErrorAnswer = { status: 500, code: 'INTERNAL_ERROR', message: 'Erro interno. Tente novamente mais tarde.' };

/** Errors raised by express' own body parser carry a `type`; each becomes a 4xx. */
function fromBodyParser(error: { type?: string; status?: number }): HttpError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'O corpo da requisição excede o tamanho permitido.');
    case 'entity.parse.failed':
      return new HttpError(400, 'INVALID_JSON', 'O corpo da requisição não é um JSON válido.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'UNSUPPORTED_ENCODING', 'Codificação do corpo não suportada; use UTF-8.');
    default:
      return error.status && error.status >= 400 && error.status < 500
        ? new HttpError(error.status, 'BAD_REQUEST', 'Requisição inválida.')
        : undefined;
  }
}

/** The extras a domain error carries, as HTTP headers. */
function headersOf(error: DomainError): Record<string, string> | undefined {
  if (error.retryAfterSeconds === undefined && !error.challenge) return undefined;
  return {
    ...(error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) }),
    ...(error.challenge ? { 'WWW-Authenticate': error.challenge } : {}),
  };
}

/** A domain error through the app's table; undefined for a code the table does not know (answered as a fault). */
function fromDomainError(error: DomainError, statuses: ErrorAnswers['statuses']): ErrorAnswer | undefined {
  const owned = statuses[error.owner];
  const status = typeof owned === 'object' ? owned[error.code] : owned;
  if (status === undefined) return undefined;
  const { code, message, details, quiet } = error;
  return { status: typeof status === 'function' ? status(error) : status, code, message, details, headers: headersOf(error), quiet };
}

function answerOf(error: unknown, answers: ErrorAnswers): ErrorAnswer | undefined {
  if (error instanceof HttpError) return error;
  const domain = error instanceof DomainError ? error : answers.classify?.(error);
  if (domain) return fromDomainError(domain, answers.statuses);
  if (error && typeof error === 'object') return fromBodyParser(error as { type?: string; status?: number });
  return undefined;
}

/** The one place errors become answers: libs/http's own with their status, domain errors through the app's table. */
export function errorHandler(logger: Logger, answers: ErrorAnswers): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = answerOf(error, answers);
    const answer = known ?? INTERNAL_ERROR;
    if (!known || answer.status >= 500) logger.error({ err: error, route: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    if (answer.quiet) res.locals.quiet = true;
    // An error is never for a shared cache, whatever the route meant to allow.
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.status(answer.status).json(errorBody(answer));
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(new HttpError(404, 'ROUTE_NOT_FOUND', 'Rota não encontrada.'));
