import { verticalOfService } from '@helix/config';
import type { RobotVertical } from '@helix/contracts';
import type { Request } from 'express';
import { internalErrors } from './internal.errors';

/**
 * The vertical of the robot whose service token authenticated `req`: it resolves and meters only
 * that vertical's tenants, so a leaked carros token reveals no imoveis tenant nor its database.
 * Routes for robots are guarded by `requireRobot` (service-callers.ts); refusing here too keeps a
 * handler from ever reading a vertical out of another service's token.
 */
export function callerVertical(req: Request): RobotVertical {
  const vertical = verticalOfService(req.service);
  if (!vertical) throw internalErrors.serviceNotARobot();
  return vertical;
}
