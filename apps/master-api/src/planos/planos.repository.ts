import type { Pool, RowDataPacket } from '@helix/db';

export interface PlanoRow extends RowDataPacket {
  id: number;
  nome: string;
  preco_mensal: number;
  limite_mensagens: number;
  limite_tokens: number;
  ativo: number;
}

/** What the first start offers when no plan exists yet (prices in centavos). */
export const DEFAULT_PLANOS = [
  { nome: 'Básico', preco_mensal: 19_700, limite_mensagens: 1_000, limite_tokens: 500_000 },
  { nome: 'Profissional', preco_mensal: 49_700, limite_mensagens: 5_000, limite_tokens: 2_500_000 },
  { nome: 'Empresarial', preco_mensal: 129_700, limite_mensagens: 20_000, limite_tokens: 10_000_000 },
] as const;

export class PlanosRepository {
  constructor(private readonly db: Pool) {}

  async findActive(id: number): Promise<PlanoRow | undefined> {
    const [rows] = await this.db.execute<PlanoRow[]>('SELECT * FROM planos WHERE id = ? AND ativo = 1', [id]);
    return rows[0];
  }

  /** Seeds the default plans only on an empty table; concurrent starts are harmless (unique names). */
  async seedDefaultsIfEmpty(): Promise<void> {
    const [[{ total }]] = await this.db.query<(RowDataPacket & { total: number })[]>('SELECT COUNT(*) AS total FROM planos');
    if (total > 0) return;
    await this.db.query('INSERT IGNORE INTO planos (nome, preco_mensal, limite_mensagens, limite_tokens) VALUES ?', [
      DEFAULT_PLANOS.map((p) => [p.nome, p.preco_mensal, p.limite_mensagens, p.limite_tokens]),
    ]);
  }
}
