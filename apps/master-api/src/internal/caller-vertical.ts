import { verticalOfService } from '@helix/config';
import type { RobotVertical } from '@helix/contracts';
import type { Request } from 'express';
import { internalErrors } from './internal.errors';

/**
 * The vertical of the robot whose service token authenticated `req`: it resolves and meters only
 * that vertical's tenants, so a leaked carros token reveals no imoveis tenant nor its database.
 * SERVICE_TOKENS holds only robots' tokens (the config refuses other names); refusing here keeps
 * that true should a route ever be guarded by another token map.
 */
export function callerVertical(req: Request): RobotVertical {
  const vertical = verticalOfService(req.service);
  if (!vertical) throw internalErrors.serviceNotARobot();
  return vertical;
}
