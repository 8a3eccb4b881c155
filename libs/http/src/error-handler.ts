import { classifyMysqlError, type MysqlErrorKind } from '@helix/db';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from './app-error';

const MYSQL_TO_HTTP: Record<MysqlErrorKind, AppError> = {
  duplicate: new AppError(409, 'CONFLICT', 'Já existe um registro com estes dados.'),
  referenced: new AppError(409, 'IN_USE', 'O registro está em uso e não pode ser removido.'),
  missing_reference: new AppError(422, 'REFERENCE_NOT_FOUND', 'Um registro referenciado não existe.'),
  invalid_value: new AppError(400, 'INVALID_VALUE', 'Um dos valores enviados é inválido.'),
  access_denied: new AppError(403, 'ACCESS_DENIED', 'Acesso negado a estes dados.'),
  unavailable: new AppError(503, 'DATABASE_UNAVAILABLE', 'Banco de dados indisponível. Tente novamente em instantes.', undefined, {
    'Retry-After': '5',
  }),
};

/** Errors raised by express' own body parser carry a `type`; each becomes a 4xx. */
function fromBodyParser(error: { type?: string; status?: number }): AppError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new AppError(413, 'PAYLOAD_TOO_LARGE', 'O corpo da requisição excede o tamanho permitido.');
    case 'entity.parse.failed':
      return new AppError(400, 'INVALID_JSON', 'O corpo da requisição não é um JSON válido.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(415, 'UNSUPPORTED_ENCODING', 'Codificação do corpo não suportada; use UTF-8.');
    default:
      return error.status && error.status >= 400 && error.status < 500
        ? new AppError(error.status, 'BAD_REQUEST', 'Requisição inválida.')
        : undefined;
  }
}

export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const mysqlKind = classifyMysqlError(error);
  if (mysqlKind) return MYSQL_TO_HTTP[mysqlKind];
  if (error && typeof error === 'object') return fromBodyParser(error as { type?: string; status?: number });
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = toAppError(error);
    const rendered = known ?? new AppError(500, 'INTERNAL_ERROR', 'Erro interno. Tente novamente mais tarde.');
    if (!known || rendered.status >= 500) logger.error({ err: error, route: req.originalUrl }, 'request failed');
    if (res.headersSent) return;
    if (rendered.quiet) res.locals.quiet = true;
    // An error is never for a shared cache, whatever the route meant to allow.
    res.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(rendered.headers ?? {})) res.setHeader(name, value);
    res.status(rendered.status).json({
      error: { code: rendered.code, message: rendered.message, ...(rendered.details === undefined ? {} : { details: rendered.details }) },
    });
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) =>
  next(new AppError(404, 'ROUTE_NOT_FOUND', 'Rota não encontrada.'));
