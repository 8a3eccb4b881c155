/** The one error type routers and services throw; the error handler renders it as JSON. */
export class AppError extends Error {
  /**
   * Left out of the per-request log: refusals that come in floods (rate limits) are counted and
   * summarised elsewhere, so refusing them stays cheap.
   */
  quiet = false;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message: string) => new AppError(404, code, message);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
export const unauthorized = (code: string, message: string) =>
  new AppError(401, code, message, undefined, { 'WWW-Authenticate': 'Bearer' });
