import { planosErrors } from './planos.errors';
import type { PlanoRow, PlanosRepository } from './planos.repository';
import { RATE_FIELDS, type CreatePlanoInput, type UpdatePlanoInput } from './planos.schema';

export function toPlanoView(row: PlanoRow) {
  return {
    id: row.id,
    nome: row.nome,
    preco_mensal: row.preco_mensal,
    limite_mensagens: row.limite_mensagens,
    limite_tokens: Number(row.limite_tokens),
    ativo: row.ativo === 1,
    ...Object.fromEntries(RATE_FIELDS.map((field) => [field, row[field]])),
    criado_em: row.criado_em,
  };
}

/** Limits are read live by the resolve answer, so editing a plan changes its subscribers' limits at once. */
export class PlanosService {
  constructor(private readonly planos: PlanosRepository) {}

  async list(ativo: boolean | undefined) {
    return { data: (await this.planos.list(ativo)).map(toPlanoView) };
  }

  async get(id: number) {
    return toPlanoView(await this.require(id));
  }

  async create(input: CreatePlanoInput) {
    return this.get(await this.planos.insert(input));
  }

  async update(id: number, patch: UpdatePlanoInput) {
    await this.require(id);
    await this.planos.update(id, patch);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await this.require(id);
    if (!(await this.planos.deleteIfUnused(id))) {
      throw planosErrors.inUse();
    }
  }

  private async require(id: number): Promise<PlanoRow> {
    const row = await this.planos.findById(id);
    if (!row) throw planosErrors.notFound(id);
    return row;
  }
}
