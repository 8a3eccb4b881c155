/**
 * This lib's own refusals: no such route, a body that is not JSON or too large, input that fails
 * the route's schema, a bad service token, not ready. They are HTTP by nature, so they carry their
 * status; everything else a service throws is a domain error, answered through its app's table.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
