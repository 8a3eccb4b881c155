import { createHash } from 'node:crypto';
import type { RobotVertical } from '@helix/contracts';

/** `carros_garage_alpha` (with the deployment's prefix): readable by whoever operates the server. */
export function tenantDatabaseName(prefix: string, robo: RobotVertical, tenantKey: string): string {
  return `${prefix}${robo}_${tenantKey}`;
}

/**
 * The tenant's MySQL user: derived from the database name and hashed to stay under MySQL 8's
 * 32-character limit whatever the key's length (MariaDB allows 80).
 */
export function tenantUserName(prefix: string, databaseName: string): string {
  return `${prefix}tu_${createHash('sha256').update(databaseName).digest('hex').slice(0, 16)}`;
}

/** The account robots of `robo` log in as on every server (one per vertical and server, shared by its tenants there). */
export function gatewayUserName(prefix: string, robo: RobotVertical): string {
  return `${prefix}gw_${robo}`;
}
