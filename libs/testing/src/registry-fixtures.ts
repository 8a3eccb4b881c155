import type { RobotVertical } from '@helix/contracts';
import type { Pool, RowDataPacket } from '@helix/db';

/**
 * Registry rows for tenants that never need their own database (metering and billing tests,
 * benchmarks): onboarding a hundred real tenants would only measure CREATE DATABASE.
 */
export async function insertRegistryTenants(db: Pool, keys: string[], roboTipo: RobotVertical = 'carros'): Promise<Map<string, number>> {
  await db.query(`INSERT INTO tenants (tenant_key, nome, robo_tipo, database_name, db_host, db_port, db_user, status) VALUES ?`, [
    keys.map((key) => [key, `Cliente ${key}`, roboTipo, `fixture_${key}`, 'fixture.invalid', 3306, `u_${key}`.slice(0, 80), 'active']),
  ]);
  const [rows] = await db.query<(RowDataPacket & { id: number; tenant_key: string })[]>(
    'SELECT id, tenant_key FROM tenants WHERE tenant_key IN (?)',
    [keys],
  );
  return new Map(rows.map((row) => [row.tenant_key, row.id]));
}

/** An active subscription to `planoId` for each tenant, as a paid checkout would leave it. */
export async function activateSubscriptions(db: Pool, tenantIds: number[], planoId: number): Promise<void> {
  await db.query(`INSERT INTO assinaturas (tenant_id, plano_id, status, data_inicio) VALUES ?`, [
    tenantIds.map((id) => [id, planoId, 'active', new Date()]),
  ]);
}
