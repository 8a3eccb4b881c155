import { containsPattern, formatNumber, formatReais, type CatalogueItem, type VerticalCatalogue } from '@helix/robot-core';
import type { TenantDb } from '@helix/tenant-context';
import type { RowDataPacket } from 'mysql2/promise';
import type { ImovelTipo } from './imovel.mapping';

const TIPO_LABELS: Record<ImovelTipo, string> = {
  casa: 'Casa',
  apartamento: 'Apartamento',
  terreno: 'Terreno',
  comercial: 'Imóvel comercial',
};

const plural = (count: number, singular: string, pluralForm: string) => `${count} ${count === 1 ? singular : pluralForm}`;

/** A property as the AI seller presents it: "Apartamento 2 quartos – Pinheiros, São Paulo". */
function toItem(row: RowDataPacket): CatalogueItem {
  const nome = [TIPO_LABELS[row.tipo as ImovelTipo] ?? row.tipo, row.quartos ? plural(row.quartos, 'quarto', 'quartos') : null]
    .filter(Boolean)
    .join(' ');
  const local = [row.bairro, row.cidade].filter(Boolean).join(', ');
  const detalhes = [
    // A rent is monthly; saying so keeps the AI from presenting it as a sale price.
    row.preco !== null ? `${formatReais(Number(row.preco))}${row.finalidade === 'aluguel' ? '/mês' : ''}` : null,
    row.area_m2 !== null ? `${formatNumber(Number(row.area_m2))} m²` : null,
    row.vagas ? plural(row.vagas, 'vaga', 'vagas') : null,
    row.finalidade,
  ].filter(Boolean);
  return { id: row.id, titulo: local ? `${nome} – ${local}` : nome, detalhes: detalhes.join(' · ') };
}

/**
 * The chat engine's view of this tenant's properties: available ones matching any of the
 * customer's terms in titulo, bairro, cidade or tipo, those matching more terms first (so
 * "apartamento em Pinheiros" puts a Pinheiros apartment before other apartments).
 */
export const imoveisCatalogue: VerticalCatalogue = {
  vertical: 'imoveis',

  async findOffers(db: TenantDb, terms: readonly string[], limit: number): Promise<CatalogueItem[]> {
    const relevancia = terms.map(() => '(titulo LIKE ? OR bairro LIKE ? OR cidade LIKE ? OR tipo LIKE ?)').join(' + ');
    const params = terms.flatMap((term) => Array<string>(4).fill(containsPattern(term)));
    const rows = await db.query<RowDataPacket[]>(
      `SELECT id, tipo, finalidade, bairro, cidade, quartos, vagas, area_m2, preco, (${relevancia}) AS relevancia FROM imoveis
        WHERE status = 'disponivel' HAVING relevancia > 0 ORDER BY relevancia DESC, created_at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toItem);
  },

  async countAvailable(db: TenantDb): Promise<number> {
    const [row] = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS total FROM imoveis WHERE status = 'disponivel'`);
    return Number(row.total);
  },
};
