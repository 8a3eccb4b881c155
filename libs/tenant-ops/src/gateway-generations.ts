import type { Pool, RowDataPacket } from '@helix/db';
import type { RobotVertical } from '@helix/contracts';
import type { ServerAddress } from './admin-servers';
import { liveTenantSql } from './live-tenant-sql';

/** One vertical's gateway account on one server: what a rotation works on. */
export interface GatewayRef extends ServerAddress {
  robo: RobotVertical;
}

/** A rotation under way: the generation the master hands robots now, and the one it is moving to. */
export interface GatewayRotationState {
  handedOut: number;
  target: number;
}

/**
 * The tenant registry's columns of a tenant's gateway generation (tenants aliased `t`), for the
 * queries that derive a tenant's gateway password: the master's resolve and tenant operations.
 */
export const GATEWAY_GENERATION_SQL = {
  column: 'COALESCE(g.geracao, 0) AS gateway_geracao',
  join: 'LEFT JOIN gateway_geracoes g ON g.db_host = t.db_host AND g.db_port = t.db_port AND g.robo_tipo = t.robo_tipo',
} as const;

const KEY = 'db_host = ? AND db_port = ? AND robo_tipo = ?';
const keyOf = (gateway: GatewayRef) => [gateway.host.toLowerCase(), gateway.port, gateway.robo];

/** The master's `gateway_geracoes`: which generation of each gateway's password is handed out, and any rotation under way. */
export class GatewayGenerations {
  constructor(private readonly db: Pool) {}

  async current(gateway: GatewayRef): Promise<number> {
    const [rows] = await this.db.execute<RowDataPacket[]>(`SELECT geracao FROM gateway_geracoes WHERE ${KEY}`, keyOf(gateway));
    return rows[0]?.geracao ?? 0;
  }

  /**
   * The gateways of the live tenants (optionally of one vertical, one server), and those with a
   * rotation left unfinished, whose tenants may have moved away since.
   */
  async inUse(filter: { robo?: RobotVertical; server?: ServerAddress }): Promise<GatewayRef[]> {
    const conditions = [...(filter.robo ? ['robo_tipo = ?'] : []), ...(filter.server ? ['db_host = ? AND db_port = ?'] : [])];
    const params = [...(filter.robo ? [filter.robo] : []), ...(filter.server ? [filter.server.host, filter.server.port] : [])];
    const and = conditions.map((condition) => ` AND ${condition}`).join('');
    const [rows] = await this.db.query<RowDataPacket[]>(
      `SELECT LOWER(db_host) AS host, db_port AS port, robo_tipo AS robo FROM tenants WHERE ${liveTenantSql('status')}${and}
       UNION
       SELECT LOWER(db_host), db_port, robo_tipo FROM gateway_geracoes WHERE geracao_nova IS NOT NULL${and}
       ORDER BY host, port, robo`,
      [...params, ...params],
    );
    return rows.map((row) => ({ host: row.host, port: row.port, robo: row.robo }));
  }

  /** Starts a rotation to the next generation, or picks up the one a failed run left (same target). */
  async beginRotation(gateway: GatewayRef): Promise<GatewayRotationState> {
    await this.db.execute(
      `INSERT INTO gateway_geracoes (db_host, db_port, robo_tipo, geracao, geracao_nova) VALUES (?, ?, ?, 0, 1)
       ON DUPLICATE KEY UPDATE geracao_nova = COALESCE(geracao_nova, geracao + 1)`,
      keyOf(gateway),
    );
    const [rows] = await this.db.execute<RowDataPacket[]>(
      `SELECT geracao, geracao_nova FROM gateway_geracoes WHERE ${KEY}`,
      keyOf(gateway),
    );
    return { handedOut: rows[0].geracao, target: rows[0].geracao_nova };
  }

  /** The master hands robots the target generation's password from now on. */
  async handOut(gateway: GatewayRef, target: number): Promise<void> {
    await this.db.execute(`UPDATE gateway_geracoes SET geracao = ? WHERE ${KEY} AND geracao_nova = ?`, [target, ...keyOf(gateway), target]);
  }

  /** The old password is gone from the server: no rotation under way any more. */
  async finishRotation(gateway: GatewayRef, target: number): Promise<void> {
    await this.db.execute(`UPDATE gateway_geracoes SET geracao_nova = NULL WHERE ${KEY} AND geracao = ? AND geracao_nova = ?`, [
      ...keyOf(gateway),
      target,
      target,
    ]);
  }
}
