import path from 'node:path';
import { ROBOT_VERTICALS, type RobotVertical } from '@helix/contracts';
import { loadMigrations, type MigrationPlan } from '@helix/db';
import { BASE_SERIES, SINGLE_SERIES_SPLIT } from './single-series-split';

/** A series of tenant template files: the base, or a vertical's own. */
export type TemplateSeries = typeof BASE_SERIES | RobotVertical;

export type TenantTemplates = Record<RobotVertical, MigrationPlan>;

/**
 * Every vertical's template, read once: the base series (`infra/tenant/base/NNNN_*.sql`, what every
 * tenant has) then the vertical's own (`infra/tenant/<robo>/`), each versioned on its own. Pending
 * base migrations always run before pending vertical ones: a vertical's tables may refer to base's
 * (bookings to customers), base never knows a vertical's, so a vertical migration is written
 * against the latest base.
 */
export async function loadTenantTemplates(infraDir: string): Promise<TenantTemplates> {
  const series = (name: TemplateSeries) => loadMigrations(path.join(infraDir, 'tenant', name), name);
  const base = await series(BASE_SERIES);
  const entries = await Promise.all(
    ROBOT_VERTICALS.map(
      async (robo) => [robo, { migrations: [...base, ...(await series(robo))], split: SINGLE_SERIES_SPLIT[robo] ?? {} }] as const,
    ),
  );
  return Object.fromEntries(entries) as TenantTemplates;
}
