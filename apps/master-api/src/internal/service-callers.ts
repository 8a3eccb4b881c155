import { verticalOfService } from '@helix/config';
import { WEB_SERVICE_NAME } from '@helix/contracts';
import { serviceGuard } from '@helix/http';
import type { RequestHandler } from 'express';
import { internalErrors } from './internal.errors';

/**
 * Service tokens authenticate (401 otherwise), then each route admits only the services it is for
 * (403 before any input is read): robots resolve and meter their tenants; the web service's token
 * reads stores' public facts and nothing else, so a leaked one reveals no more than the storefronts.
 */
export function serviceCallers(tokens: ReadonlyMap<string, string>) {
  const authenticate = serviceGuard(tokens);
  const only =
    (admits: (service: string) => boolean, refusal: () => Error): RequestHandler =>
    (req, res, next) => {
      authenticate(req, res, () => undefined); // throws when no token matches
      if (!admits(req.service!)) throw refusal();
      next();
    };
  return {
    requireRobot: only((service) => verticalOfService(service) !== undefined, internalErrors.serviceNotARobot),
    requireWeb: only((service) => service === WEB_SERVICE_NAME, internalErrors.serviceNotWeb),
  };
}
