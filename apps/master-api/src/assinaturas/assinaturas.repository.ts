import type { PoolConnection, ResultSetHeader } from '@helix/db';

export class AssinaturasRepository {
  async insertPending(connection: PoolConnection, tenantId: number, planoId: number): Promise<number> {
    const [result] = await connection.execute<ResultSetHeader>(
      `INSERT INTO assinaturas (tenant_id, plano_id, status) VALUES (?, ?, 'pending')`,
      [tenantId, planoId],
    );
    return result.insertId;
  }
}
