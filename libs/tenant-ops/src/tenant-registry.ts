import { isLiveTenantStatus, LIVE_TENANT_STATUSES, type LiveTenantStatus, type RobotVertical, type TenantStatus } from '@helix/contracts';
import { duplicateKeyName, withTransaction, type Pool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import { GATEWAY_GENERATION_SQL, GatewayGenerations } from './gateway-generations';
import { TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

/** A row of the master's `tenants`, as admins and operations see it: never its credentials or key hash. */
export interface TenantRecord {
  id: number;
  tenant_key: string;
  nome: string;
  dominio: string | null;
  robo_tipo: RobotVertical;
  status: TenantStatus;
  database_name: string;
  db_host: string;
  db_port: number;
  db_user: string;
  /** The first characters of its API key, so an admin can tell keys apart. */
  api_key_prefix: string | null;
  criado_em: Date;
  /** Its vertical's gateway generation on its server: what its gateway password is derived with. */
  gateway_geracao: number;
  /** The storefront's look (web app): an https:// URL or `/fotos/<name>`, and `#rrggbb`; NULL for the defaults. */
  logo_url: string | null;
  cor_primaria: string | null;
}

/** What an admin may change of a live tenant. */
export interface TenantPatch {
  nome?: string;
  dominio?: string | null;
  status?: LiveTenantStatus;
  logo_url?: string | null;
  cor_primaria?: string | null;
}

export interface TenantFilter {
  robo?: RobotVertical;
  tenantKey?: string;
  statuses?: readonly TenantStatus[];
  /** Part of the key or the name (case-insensitive), for the console's search box. */
  busca?: string;
}

export type NewTenant = Pick<TenantRecord, 'tenant_key' | 'nome' | 'robo_tipo' | 'database_name' | 'db_host' | 'db_port' | 'db_user'> & {
  dominio?: string | null;
};

export interface TenantSecrets {
  db_password_enc: string;
  api_key_hash: string;
  api_key_prefix: string;
}

const COLUMNS = `t.id, t.tenant_key, t.nome, t.dominio, t.robo_tipo, t.status, t.database_name, t.db_host, t.db_port, t.db_user,
  t.api_key_prefix, t.criado_em, t.logo_url, t.cor_primaria, ${GATEWAY_GENERATION_SQL.column}`;
const FROM = `tenants t ${GATEWAY_GENERATION_SQL.join}`;
/** Rows read per round trip while iterating: memory stays flat however many tenants there are. */
const PAGE_SIZE = 500;

/** The only columns an admin's patch may name: fixed here, never taken from the request. */
const PATCHABLE_COLUMNS = ['nome', 'dominio', 'status', 'logo_url', 'cor_primaria'] as const;

/** The master's `tenants` table, for master-api and tenant operations alike (the master DB is migrated by master-api). */
export class TenantRegistry {
  /** The generations of the gateways' passwords, beside the tenants that use them. */
  readonly gateways: GatewayGenerations;

  constructor(private readonly db: Pool) {
    this.gateways = new GatewayGenerations(db);
  }

  /** Every matching tenant, in id order, a page at a time (keyset pagination). */
  async *iterate(filter: TenantFilter = {}): AsyncGenerator<TenantRecord> {
    const { clause, params } = where(filter);
    let after = 0;
    for (;;) {
      const [rows] = await this.db.query<(TenantRecord & RowDataPacket)[]>(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE t.id > ? AND ${clause} ORDER BY t.id LIMIT ?`,
        [after, ...params, PAGE_SIZE],
      );
      yield* rows;
      if (rows.length < PAGE_SIZE) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** One page of the matching tenants in id order, and how many match in all. */
  async page(filter: TenantFilter, page: { page: number; per_page: number }): Promise<{ rows: TenantRecord[]; total: number }> {
    const { clause, params } = where(filter);
    const [rows] = await this.db.query<(TenantRecord & RowDataPacket)[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${clause} ORDER BY t.id LIMIT ? OFFSET ?`,
      [...params, page.per_page, (page.page - 1) * page.per_page],
    );
    return { rows, total: await this.count(filter) };
  }

  async count(filter: TenantFilter = {}): Promise<number> {
    const { clause, params } = where(filter);
    const [[{ total }]] = await this.db.query<(RowDataPacket & { total: number })[]>(
      `SELECT COUNT(*) AS total FROM tenants t WHERE ${clause}`,
      params,
    );
    return Number(total);
  }

  async find(tenantKey: string): Promise<TenantRecord | undefined> {
    const [rows] = await this.db.query<(TenantRecord & RowDataPacket)[]>(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.tenant_key = ?`, [
      tenantKey,
    ]);
    return rows[0];
  }

  /** A live tenant (active or suspended); undefined for any other. */
  async findLive(tenantKey: string): Promise<TenantRecord | undefined> {
    const tenant = await this.find(tenantKey);
    return tenant && isLiveTenantStatus(tenant.status) ? tenant : undefined;
  }

  /** A live tenant, or TENANT_NOT_FOUND. */
  async require(tenantKey: string): Promise<TenantRecord> {
    const tenant = await this.findLive(tenantKey);
    if (!tenant) {
      throw new TenantOpsError(TenantOpsErrorCode.TENANT_NOT_FOUND, `Cliente '${tenantKey}' não encontrado (ou não está ativo/suspenso).`);
    }
    return tenant;
  }

  /**
   * Reserves key, domain and database name as `provisioning` (robots cannot resolve it; the master's
   * recovery sweep cleans up after a crash): concurrent reservations of one key get one row. A
   * deleted tenant's row is taken over instead of inserted, since its key stays unique. Returns
   * the row id and how to give the reservation back.
   */
  async reserve(tenant: NewTenant): Promise<{ id: number; release: () => Promise<void> }> {
    const existing = await this.find(tenant.tenant_key);
    if (existing && existing.status !== 'deleted') throw taken(tenant.tenant_key);
    const values = [
      tenant.nome,
      tenant.dominio ?? null,
      tenant.robo_tipo,
      tenant.database_name,
      tenant.db_host,
      tenant.db_port,
      tenant.db_user,
    ];
    try {
      if (existing) {
        const [result] = await this.db.execute<ResultSetHeader>(
          `UPDATE tenants SET status = 'provisioning', nome = ?, dominio = ?, robo_tipo = ?, database_name = ?, db_host = ?, db_port = ?, db_user = ?,
             db_password_enc = NULL, api_key_hash = NULL, api_key_prefix = NULL
           WHERE id = ? AND status = 'deleted'`,
          [...values, existing.id],
        );
        if (result.affectedRows !== 1) throw taken(tenant.tenant_key);
        return { id: existing.id, release: () => this.setStatus(existing.id, 'provisioning', 'deleted') };
      }
      const [result] = await this.db.execute<ResultSetHeader>(
        `INSERT INTO tenants (tenant_key, nome, dominio, robo_tipo, database_name, db_host, db_port, db_user, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'provisioning')`,
        [tenant.tenant_key, ...values],
      );
      const id = result.insertId;
      return { id, release: () => this.deleteProvisioning(id) };
    } catch (error) {
      throw tenantConflict(error, tenant) ?? error;
    }
  }

  async deleteProvisioning(id: number): Promise<void> {
    await this.db.execute(`DELETE FROM tenants WHERE id = ? AND status = 'provisioning'`, [id]);
  }

  /** Reservations older than this that nobody finished: a process died in the middle of creating them. */
  async findStaleProvisioning(olderThanSeconds: number): Promise<TenantRecord[]> {
    const [rows] = await this.db.execute<(TenantRecord & RowDataPacket)[]>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE t.status = 'provisioning' AND t.criado_em < NOW() - INTERVAL ? SECOND`,
      [olderThanSeconds],
    );
    return rows;
  }

  async planIsActive(planoId: number): Promise<boolean> {
    const [rows] = await this.db.execute<RowDataPacket[]>('SELECT 1 FROM planos WHERE id = ? AND ativo = 1', [planoId]);
    return rows.length > 0;
  }

  /**
   * Makes a reservation a live tenant, in one transaction with `alongside` (e.g. opening its
   * subscription): both happen or neither does. Both run again if InnoDB picks the transaction as a
   * deadlock's victim, so `alongside` must only touch the database. Its principal was created with
   * the reader's grants (TenantDatabaseAdmin.createPrincipal), hence `leitor_vitrine`.
   */
  activate<T>(id: number, secrets: TenantSecrets, alongside?: (connection: PoolConnection) => Promise<T>): Promise<T | undefined> {
    return withTransaction(this.db, async (connection) => {
      const [result] = await connection.execute<ResultSetHeader>(
        `UPDATE tenants SET status = 'active', leitor_vitrine = 1, db_password_enc = ?, api_key_hash = ?, api_key_prefix = ? WHERE id = ? AND status = 'provisioning'`,
        [secrets.db_password_enc, secrets.api_key_hash, secrets.api_key_prefix, id],
      );
      if (result.affectedRows !== 1) throw new Error(`tenant ${id} was not provisioning when it was activated`);
      return alongside?.(connection);
    });
  }

  /** The storefront reader now holds SELECT on the tenant's catalogue: the master hands it to robots from now on. */
  async markCatalogueReaderGranted(id: number): Promise<void> {
    await this.db.execute('UPDATE tenants SET leitor_vitrine = 1 WHERE id = ? AND leitor_vitrine = 0', [id]);
  }

  /** The sealed password of the tenant's principal (a move recreates the principal on the new server). */
  async sealedPassword(id: number): Promise<string | undefined> {
    const [rows] = await this.db.execute<RowDataPacket[]>('SELECT db_password_enc FROM tenants WHERE id = ?', [id]);
    return rows[0]?.db_password_enc ?? undefined;
  }

  /** What an earlier move of this tenant left behind: a copy being made, or an old copy not yet dropped. */
  async moveState(id: number): Promise<{ movendo_para: string | null; copia_antiga: string | null }> {
    const [rows] = await this.db.execute<RowDataPacket[]>('SELECT movendo_para, copia_antiga FROM tenants WHERE id = ?', [id]);
    return { movendo_para: rows[0]?.movendo_para ?? null, copia_antiga: rows[0]?.copia_antiga ?? null };
  }

  async beginMove(id: number, to: string): Promise<void> {
    await this.db.execute('UPDATE tenants SET movendo_para = ? WHERE id = ?', [to, id]);
  }

  /** Robots refuse the tenant's writes until then; renewed while a move lasts, so a dead move frees the tenant by itself. */
  async freezeWrites(id: number, leaseSeconds: number): Promise<void> {
    await this.db.execute('UPDATE tenants SET escrita_congelada_ate = NOW(3) + INTERVAL ? SECOND WHERE id = ?', [leaseSeconds, id]);
  }

  /** A move given up before the switch: writes open again on the old server; `copyLeft` keeps the marker for a rerun to clean. */
  async abortMove(id: number, copyLeft: boolean): Promise<void> {
    await this.db.execute(`UPDATE tenants SET escrita_congelada_ate = NULL${copyLeft ? '' : ', movendo_para = NULL'} WHERE id = ?`, [id]);
  }

  /** The switch, in one statement: new server, writes open, the old copy remembered until it is dropped. */
  async switchServer(id: number, from: { host: string; port: number }, to: { host: string; port: number }): Promise<void> {
    const [result] = await this.db.execute<ResultSetHeader>(
      `UPDATE tenants SET db_host = ?, db_port = ?, copia_antiga = ?, movendo_para = NULL, escrita_congelada_ate = NULL
       WHERE id = ? AND db_host = ? AND db_port = ?`,
      [to.host, to.port, `${from.host}:${from.port}`, id, from.host, from.port],
    );
    if (result.affectedRows !== 1) throw new Error(`tenant ${id} is no longer on ${from.host}:${from.port}`);
  }

  async forgetOldCopy(id: number): Promise<void> {
    await this.db.execute('UPDATE tenants SET copia_antiga = NULL WHERE id = ?', [id]);
  }

  /** An admin's (or, for its look, its owner's) change: a domain another tenant has is DOMAIN_TAKEN. */
  async update(id: number, patch: TenantPatch): Promise<void> {
    const columns = PATCHABLE_COLUMNS.filter((column) => patch[column] !== undefined);
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

  /** A new API key (its SHA-256 and display prefix) replaces the old one at once. */
  async setApiKey(id: number, hash: string, prefix: string): Promise<void> {
    await this.db.execute('UPDATE tenants SET api_key_hash = ?, api_key_prefix = ? WHERE id = ?', [hash, prefix, id]);
  }

  /** Offboarded: robots stop resolving it; its credentials are forgotten (the principal is dropped). */
  async markDeleted(id: number): Promise<void> {
    await this.db.execute(
      `UPDATE tenants SET status = 'deleted', db_password_enc = NULL, api_key_hash = NULL, api_key_prefix = NULL WHERE id = ?`,
      [id],
    );
  }

  private async setStatus(id: number, from: TenantStatus, to: TenantStatus): Promise<void> {
    await this.db.execute('UPDATE tenants SET status = ? WHERE id = ? AND status = ?', [to, id, from]);
  }
}

function where(filter: TenantFilter): { clause: string; params: string[] } {
  const statuses = filter.statuses ?? LIVE_TENANT_STATUSES;
  const conditions = [`t.status IN (${statuses.map(() => '?').join(', ')})`];
  const params: string[] = [...statuses];
  if (filter.robo) {
    conditions.push('t.robo_tipo = ?');
    params.push(filter.robo);
  }
  if (filter.tenantKey) {
    conditions.push('t.tenant_key = ?');
    params.push(filter.tenantKey);
  }
  if (filter.busca) {
    // INSTR, not LIKE: the text is matched literally (no wildcards to escape), case-insensitively by the columns' collation.
    conditions.push('(INSTR(t.tenant_key, ?) > 0 OR INSTR(t.nome, ?) > 0)');
    params.push(filter.busca, filter.busca);
  }
  return { clause: conditions.join(' AND '), params };
}

/** Which unique key a duplicate hit, in words for the person who sent it; undefined when not a duplicate. */
function tenantConflict(error: unknown, tenant: { tenant_key?: string; dominio?: string | null }): TenantOpsError | undefined {
  if ((error as { code?: string }).code !== 'ER_DUP_ENTRY') return undefined;
  switch (duplicateKeyName(error)) {
    case 'uq_tenants_dominio':
      return new TenantOpsError(TenantOpsErrorCode.DOMAIN_TAKEN, `O domínio '${tenant.dominio}' já pertence a outro cliente.`);
    case 'uq_tenants_database':
      return new TenantOpsError(TenantOpsErrorCode.DATABASE_TAKEN, 'O banco de dados deste cliente já está registrado.');
    default:
      return taken(tenant.tenant_key ?? '');
  }
}

const taken = (tenantKey: string) =>
  new TenantOpsError(TenantOpsErrorCode.TENANT_KEY_TAKEN, `Já existe um cliente com a chave '${tenantKey}'; escolha outra chave.`);
