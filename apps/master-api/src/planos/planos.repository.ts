import { duplicateKeyName, type Pool, type ResultSetHeader, type RowDataPacket } from '@helix/db';
import { planosErrors } from './planos.errors';
import { RATE_FIELDS, type CreatePlanoInput, type RateField, type UpdatePlanoInput } from './planos.schema';

export interface PlanoRow extends RowDataPacket, Record<RateField, number> {
  id: number;
  nome: string;
  preco_mensal: number;
  limite_mensagens: number;
  limite_tokens: number;
  ativo: number;
  criado_em: Date;
}

/** What the first start offers when no plan exists yet (prices in centavos); request rates are the column defaults. */
export const DEFAULT_PLANOS = [
  { nome: 'Básico', preco_mensal: 19_700, limite_mensagens: 1_000, limite_tokens: 500_000 },
  { nome: 'Profissional', preco_mensal: 49_700, limite_mensagens: 5_000, limite_tokens: 2_500_000 },
  { nome: 'Empresarial', preco_mensal: 129_700, limite_mensagens: 20_000, limite_tokens: 10_000_000 },
] as const;

/** The only columns an insert or update may name: fixed here, never taken from the request. */
const WRITABLE_COLUMNS = ['nome', 'preco_mensal', 'limite_mensagens', 'limite_tokens', 'ativo', ...RATE_FIELDS] as const;
type WritableColumn = (typeof WRITABLE_COLUMNS)[number];

/** The columns a request sets, with their values as stored (`ativo` as 0/1). */
function columnsOf(input: Partial<Record<WritableColumn, string | number | boolean>>): [WritableColumn[], (string | number)[]] {
  const columns = WRITABLE_COLUMNS.filter((column) => input[column] !== undefined);
  return [columns, columns.map((column) => (column === 'ativo' ? Number(input.ativo) : (input[column] as string | number)))];
}

function duplicateName(error: unknown, nome: string | undefined): unknown {
  return duplicateKeyName(error) === 'uq_planos_nome' ? planosErrors.nameTaken(nome) : error;
}

export class PlanosRepository {
  constructor(private readonly db: Pool) {}

  async findActive(id: number): Promise<PlanoRow | undefined> {
    const [rows] = await this.db.execute<PlanoRow[]>('SELECT * FROM planos WHERE id = ? AND ativo = 1', [id]);
    return rows[0];
  }

  async findById(id: number): Promise<PlanoRow | undefined> {
    const [rows] = await this.db.execute<PlanoRow[]>('SELECT * FROM planos WHERE id = ?', [id]);
    return rows[0];
  }

  async list(ativo: boolean | undefined): Promise<PlanoRow[]> {
    const [rows] =
      ativo === undefined
        ? await this.db.query<PlanoRow[]>('SELECT * FROM planos ORDER BY preco_mensal, id')
        : await this.db.query<PlanoRow[]>('SELECT * FROM planos WHERE ativo = ? ORDER BY preco_mensal, id', [ativo ? 1 : 0]);
    return rows;
  }

  async insert(plano: CreatePlanoInput): Promise<number> {
    const [columns, values] = columnsOf(plano);
    try {
      const [result] = await this.db.execute<ResultSetHeader>(
        `INSERT INTO planos (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        values,
      );
      return result.insertId;
    } catch (error) {
      throw duplicateName(error, plano.nome);
    }
  }

  async update(id: number, patch: UpdatePlanoInput): Promise<void> {
    const [columns, values] = columnsOf(patch);
    try {
      await this.db.execute(`UPDATE planos SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`, [...values, id]);
    } catch (error) {
      throw duplicateName(error, patch.nome);
    }
  }

  /** False when a subscription (of any status) still refers to the plan: history keeps its plan. */
  async deleteIfUnused(id: number): Promise<boolean> {
    const [result] = await this.db.execute<ResultSetHeader>(
      'DELETE FROM planos WHERE id = ? AND NOT EXISTS (SELECT 1 FROM assinaturas WHERE plano_id = ?)',
      [id, id],
    );
    return result.affectedRows === 1;
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
