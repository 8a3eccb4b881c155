import { duplicateKeyName, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import { conflict } from '@helix/http';
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

export type NewTenantRecord = Pick<
  TenantRow,
  'tenant_key' | 'nome' | 'dominio' | 'robo_tipo' | 'database_name' | 'db_host' | 'db_port' | 'db_user'
>;

/** Which unique key a duplicate hit, in words for the person who sent it. */
function duplicateTenant(error: unknown, record: { tenant_key?: string; dominio?: string | null }): Error {
  switch (duplicateKeyName(error)) {
    case 'uq_tenants_key':
      return conflict('TENANT_KEY_TAKEN', `Já existe um cliente com a chave '${record.tenant_key}'.`);
    case 'uq_tenants_dominio':
      return conflict('DOMAIN_TAKEN', `O domínio '${record.dominio}' já pertence a outro cliente.`);
    case 'uq_tenants_database':
      return conflict('DATABASE_TAKEN', 'O banco de dados deste cliente já está registrado.');
    default:
      return error as Error;
  }
}

/** The only columns an update may name: fixed here, never taken from the request. */
const UPDATABLE_COLUMNS = ['nome', 'dominio', 'status'] as const;

const isDuplicate = (error: unknown) => (error as { code?: string }).code === 'ER_DUP_ENTRY';

export class TenantsRepository {
  constructor(private readonly db: Pool) {}

  /** Reserves key, domain and database name atomically: concurrent onboardings of one key get one row. */
  async insertProvisioning(record: NewTenantRecord): Promise<number> {
    try {
      const [result] = await this.db.execute<ResultSetHeader>(
        `INSERT INTO tenants (tenant_key, nome, dominio, robo_tipo, database_name, db_host, db_port, db_user, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'provisioning')`,
        [record.tenant_key, record.nome, record.dominio, record.robo_tipo, record.database_name, record.db_host, record.db_port, record.db_user],
      );
      return result.insertId;
    } catch (error) {
      throw isDuplicate(error) ? duplicateTenant(error, record) : error;
    }
  }

  async activate(
    connection: PoolConnection,
    id: number,
    secrets: { db_password_enc: string; api_key_hash: string; api_key_prefix: string },
  ): Promise<void> {
    await connection.execute(
      `UPDATE tenants SET status = 'active', db_password_enc = ?, api_key_hash = ?, api_key_prefix = ?
       WHERE id = ? AND status = 'provisioning'`,
      [secrets.db_password_enc, secrets.api_key_hash, secrets.api_key_prefix, id],
    );
  }

  async deleteProvisioning(id: number): Promise<void> {
    await this.db.execute(`DELETE FROM tenants WHERE id = ? AND status = 'provisioning'`, [id]);
  }

  async findStaleProvisioning(olderThanSeconds: number): Promise<TenantRow[]> {
    const [rows] = await this.db.execute<TenantRow[]>(
      `SELECT * FROM tenants WHERE status = 'provisioning' AND criado_em < NOW() - INTERVAL ? SECOND`,
      [olderThanSeconds],
    );
    return rows;
  }

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
      throw isDuplicate(error) ? duplicateTenant(error, patch) : error;
    }
  }

  async setApiKey(id: number, hash: string, prefix: string): Promise<void> {
    await this.db.execute('UPDATE tenants SET api_key_hash = ?, api_key_prefix = ? WHERE id = ?', [hash, prefix, id]);
  }
}
