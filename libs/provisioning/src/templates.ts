import path from 'node:path';
import { loadMigrations, type Migration } from '@helix/db';
import { ROBO_TIPOS, type RoboTipo } from './tenant-names';

/** The versioned template of every vertical, read once: `infra/tenant/<robo>/NNNN_*.sql`. */
export async function loadTenantTemplates(infraDir: string): Promise<Record<RoboTipo, Migration[]>> {
  const entries = await Promise.all(
    ROBO_TIPOS.map(async (robo) => [robo, await loadMigrations(path.join(infraDir, 'tenant', robo))] as const),
  );
  return Object.fromEntries(entries) as Record<RoboTipo, Migration[]>;
}
