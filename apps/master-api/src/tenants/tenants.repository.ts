import type { Pool, RowDataPacket } from '@helix/db';
import { tenantConflict } from '@helix/tenant-ops';
import type { RoboTipo } from '@helix/provisioning';
import type { ListTenantsQuery, TenantStatus } from './tenants.schema';

export interface TenantRow extends RowDataPacket {
  id: number;
  tenant_key: string;
  nome: string;
  dominio: string | null;
  robo_tipo: RoboTipo;
  database_name: string;
  db_host: string;
  db_port: number;
  db_user: string;
  db_password_enc: string | null;
  api_key_hash: string | null;
  api_key_prefix: string | null;
  status: TenantStatus;
  criado_em: Date;
}

/** The only columns an update may name: fixed here, never taken from the request. */
const UPDATABLE_COLUMNS = ['nome', 'dominio', 'status'] as const;

export class TenantsRepository {
  constructor(private readonly db: Pool) {}

  /** Tenants that exist for operators: not half-created, not deleted. */
  async findByKey(tenantKey: string): Promise<TenantRow | undefined> {
    const [rows] = await this.db.execute<TenantRow[]>(
      `SELECT * FROM tenants WHERE tenant_key = ? AND status IN ('active', 'suspended')`,
      [tenantKey],
    );
    return rows[0];
  }

  async list(query: ListTenantsQuery): Promise<{ rows: TenantRow[]; total: number }> {
    const where = [query.status ? 'status = ?' : `status IN ('active', 'suspended')`];
    const params: (string | number)[] = query.status ? [query.status] : [];
    if (query.robo_tipo) {
      where.push('robo_tipo = ?');
      params.push(query.robo_tipo);
    }
    const clause = where.join(' AND ');
    const [rows] = await this.db.query<TenantRow[]>(`SELECT * FROM tenants WHERE ${clause} ORDER BY id LIMIT ? OFFSET ?`, [
      ...params,
      query.per_page,
      (query.page - 1) * query.per_page,
    ]);
    const [[{ total }]] = await this.db.query<(RowDataPacket & { total: number })[]>(
      `SELECT COUNT(*) AS total FROM tenants WHERE ${clause}`,
      params,
    );
    return { rows, total };
  }

  async update(id: number, patch: { nome?: string; dominio?: string | null; status?: TenantStatus }): Promise<void> {
    const columns = UPDATABLE_COLUMNS.filter((column) => patch[column] !== undefined);
    if (columns.length === 0) return;
    try {
      await this.db.execute(`UPDATE tenants SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`, [
        ...columns.map((column) => patch[column] ?? null),
        id,
      ]);
    } catch (error) {
      throw tenantConflict(error, patch) ?? error;
    }
  }

  async setApiKey(id: number, hash: string, prefix: string): Promise<void> {
    await this.db.execute('UPDATE tenants SET api_key_hash = ?, api_key_prefix = ? WHERE id = ?', [hash, prefix, id]);
  }
}
