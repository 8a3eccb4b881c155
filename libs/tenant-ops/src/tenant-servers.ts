import { duplicateKeyName, type Pool, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import type { ServerAddress } from './admin-servers';
import { liveTenantSql } from './live-tenant-sql';
import { TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';

export const SERVER_STATES = ['active', 'draining', 'retired'] as const;
export type ServerState = (typeof SERVER_STATES)[number];

/**
 * Tenants a server takes when nobody said (the TENANT_DB_URL server registered automatically): a
 * planning figure for one MariaDB holding tenant databases of 14 tables each, with the table caches
 * docker-compose gives it (30,000: see the README's capacity section). Change it with
 * `helix servers update <id> --capacidade N`.
 */
export const DEFAULT_SERVER_CAPACITY = 2000;

/** A row of the master's `servidores`, with how many tenants are on that server now. */
export interface TenantServerRecord extends ServerAddress {
  id: number;
  capacidade: number;
  estado: ServerState;
  notas: string | null;
  criado_em: Date;
  /** Tenants whose row names this server: being created, active or suspended. */
  clientes: number;
}

/** Tenants that take a place on their server: the live ones and those being created. */
const OCCUPYING_SQL = `(${liveTenantSql('t.status')} OR t.status = 'provisioning')`;

const SELECT_WITH_COUNTS = `SELECT s.id, s.host, s.port, s.capacidade, s.estado, s.notas, s.criado_em, COUNT(t.id) AS clientes
  FROM servidores s
  LEFT JOIN tenants t ON t.db_host = s.host AND t.db_port = s.port AND ${OCCUPYING_SQL}`;

export const serverLabel = (server: ServerAddress) => `${server.host}:${server.port}`;

/** Places left on a server; negative when two onboardings took the last one at once. */
export const freePlaces = (server: Pick<TenantServerRecord, 'capacidade' | 'clientes'>) => server.capacidade - server.clientes;

/** The master's `servidores`: the fleet of MySQL servers that hold tenant databases. */
export class TenantServers {
  constructor(private readonly db: Pool) {}

  /** Every registered server in id order, with its tenant count. */
  async list(): Promise<TenantServerRecord[]> {
    const [rows] = await this.db.query<RowDataPacket[]>(`${SELECT_WITH_COUNTS} GROUP BY s.id ORDER BY s.id`);
    return rows.map(toRecord);
  }

  /** Active servers with a free place, the most free first (then the oldest): where placement looks. */
  async withRoom(): Promise<TenantServerRecord[]> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `${SELECT_WITH_COUNTS} WHERE s.estado = 'active' GROUP BY s.id HAVING s.capacidade > COUNT(t.id) ORDER BY s.capacidade - COUNT(t.id) DESC, s.id`,
    );
    return rows.map(toRecord);
  }

  async find(id: number): Promise<TenantServerRecord | undefined> {
    const [rows] = await this.db.query<RowDataPacket[]>(`${SELECT_WITH_COUNTS} WHERE s.id = ? GROUP BY s.id`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async require(id: number): Promise<TenantServerRecord> {
    const server = await this.find(id);
    if (!server)
      throw new TenantOpsError(TenantOpsErrorCode.SERVER_NOT_FOUND, `Servidor ${id} não está registrado (veja helix servers list).`);
    return server;
  }

  async findByAddress(server: ServerAddress): Promise<TenantServerRecord | undefined> {
    const [rows] = await this.db.query<RowDataPacket[]>(`${SELECT_WITH_COUNTS} WHERE s.host = ? AND s.port = ? GROUP BY s.id`, [
      server.host,
      server.port,
    ]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Registers a server (active); SERVER_EXISTS when its address already is, whatever its state. */
  async add(server: ServerAddress & { capacidade: number; notas?: string | null }): Promise<number> {
    try {
      const [result] = await this.db.execute<ResultSetHeader>(
        'INSERT INTO servidores (host, port, capacidade, notas) VALUES (?, ?, ?, ?)',
        [server.host.toLowerCase(), server.port, server.capacidade, server.notas ?? null],
      );
      return result.insertId;
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY' && duplicateKeyName(error) === 'uq_servidores_endereco') {
        const existing = await this.findByAddress(server);
        throw new TenantOpsError(
          TenantOpsErrorCode.SERVER_EXISTS,
          `O servidor ${serverLabel(server)} já está registrado (id ${existing?.id}, ${existing?.estado}).`,
          { id: existing?.id },
        );
      }
      throw error;
    }
  }

  /**
   * Registers `server` with the default capacity (or twice the tenants already on it) unless its address already is (in any state): how
   * the TENANT_DB_URL server of an existing deployment joins the registry with nobody doing anything.
   */
  async registerIfAbsent(server: ServerAddress, notas: string): Promise<void> {
    if (await this.findByAddress(server)) return;
    // A deployment upgraded with more tenants than the default keeps room to double: onboarding never stops at the upgrade.
    const { live, provisioning } = await this.tenantsOn(server);
    const capacidade = Math.max(DEFAULT_SERVER_CAPACITY, 2 * (live.length + provisioning));
    try {
      await this.add({ ...server, capacidade, notas });
    } catch (error) {
      // Another master or CLI registered it between the read and the insert.
      if (!(error instanceof TenantOpsError && error.code === TenantOpsErrorCode.SERVER_EXISTS)) throw error;
    }
  }

  /** `from` → `to`; false when the server was not in `from` (e.g. already there, or retired meanwhile). */
  async setState(id: number, from: ServerState, to: ServerState): Promise<boolean> {
    const [result] = await this.db.execute<ResultSetHeader>('UPDATE servidores SET estado = ? WHERE id = ? AND estado = ?', [to, id, from]);
    return result.affectedRows === 1;
  }

  /** An operator's change of capacity or notes (a NULL `notas` clears them). */
  async update(id: number, patch: { capacidade?: number; notas?: string | null }): Promise<void> {
    const columns = (['capacidade', 'notas'] as const).filter((column) => patch[column] !== undefined);
    if (columns.length === 0) return;
    await this.db.execute(`UPDATE servidores SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`, [
      ...columns.map((column) => patch[column] ?? null),
      id,
    ]);
  }

  /**
   * Retires a server in one statement, only if no tenant's database (being created, live, suspended,
   * or a copy a move is making or left behind) is on it: false otherwise.
   */
  async retireIfEmpty(server: TenantServerRecord): Promise<boolean> {
    const label = serverLabel(server);
    const [result] = await this.db.execute<ResultSetHeader>(
      `UPDATE servidores s SET s.estado = 'retired'
       WHERE s.id = ? AND s.estado <> 'retired'
         AND NOT EXISTS (SELECT 1 FROM tenants t WHERE t.db_host = s.host AND t.db_port = s.port AND ${OCCUPYING_SQL})
         AND NOT EXISTS (SELECT 1 FROM tenants t WHERE (t.movendo_para = ? OR t.copia_antiga = ?) AND ${OCCUPYING_SQL})`,
      [server.id, label, label],
    );
    return result.affectedRows === 1;
  }

  /** Keys of the live tenants on a server, in id order; those still being created are only counted. */
  async tenantsOn(server: ServerAddress): Promise<{ live: string[]; provisioning: number }> {
    const [rows] = await this.db.execute<RowDataPacket[]>(
      `SELECT t.tenant_key, t.status FROM tenants t WHERE t.db_host = ? AND t.db_port = ? AND ${OCCUPYING_SQL} ORDER BY t.id`,
      [server.host, server.port],
    );
    return {
      live: rows.filter((row) => row.status !== 'provisioning').map((row) => row.tenant_key as string),
      provisioning: rows.filter((row) => row.status === 'provisioning').length,
    };
  }

  /** Database names of the tenants on a server (for its data size). */
  async databasesOn(server: ServerAddress): Promise<string[]> {
    const [rows] = await this.db.execute<RowDataPacket[]>(
      `SELECT t.database_name FROM tenants t WHERE t.db_host = ? AND t.db_port = ? AND ${OCCUPYING_SQL}`,
      [server.host, server.port],
    );
    return rows.map((row) => row.database_name as string);
  }

  /** Tenants moved off `server` whose old copy there was not dropped yet (a robot did not confirm, or the run died). */
  async oldCopiesOn(server: ServerAddress): Promise<string[]> {
    const [rows] = await this.db.execute<RowDataPacket[]>(
      `SELECT t.tenant_key FROM tenants t WHERE t.copia_antiga = ? AND ${liveTenantSql('t.status')} ORDER BY t.id`,
      [serverLabel(server)],
    );
    return rows.map((row) => row.tenant_key as string);
  }

  /** Servers that tenants are on but nobody registered (tenants moved there before the registry existed). */
  async unregistered(): Promise<(ServerAddress & { clientes: number })[]> {
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT LOWER(t.db_host) AS host, t.db_port AS port, COUNT(*) AS clientes FROM tenants t
       WHERE ${OCCUPYING_SQL} AND NOT EXISTS (SELECT 1 FROM servidores s WHERE s.host = t.db_host AND s.port = t.db_port)
       GROUP BY LOWER(t.db_host), t.db_port ORDER BY host, port`,
    );
    return rows.map((row) => ({ host: row.host, port: row.port, clientes: Number(row.clientes) }));
  }
}

function toRecord(row: RowDataPacket): TenantServerRecord {
  return {
    id: row.id,
    host: row.host,
    port: row.port,
    capacidade: row.capacidade,
    estado: row.estado,
    notas: row.notas,
    criado_em: row.criado_em,
    clientes: Number(row.clientes),
  };
}

/**
 * The TENANT_DB_URL server joins the registry when absent (with DEFAULT_SERVER_CAPACITY): run at
 * master-api's start and by every CLI run, so an existing deployment needs no operator step.
 */
export async function registerHomeServer(db: Pool, home: ServerAddress): Promise<void> {
  try {
    await new TenantServers(db).registerIfAbsent(home, 'TENANT_DB_URL (registrado automaticamente)');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw error;
    throw new TenantOpsError(
      TenantOpsErrorCode.MASTER_UNAVAILABLE,
      'O banco master ainda não tem o registro de servidores (tabela servidores): inicie o master-api desta versão, que migra o banco master.',
    );
  }
}
