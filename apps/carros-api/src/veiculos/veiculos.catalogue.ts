import { containsPattern, formatNumber, formatReais, type CatalogueItem, type VerticalCatalogue } from '@helix/robot-core';
import type { TenantDb } from '@helix/tenant-context';
import type { RowDataPacket } from 'mysql2/promise';

/** A car as the AI seller presents it. */
function toItem(row: RowDataPacket): CatalogueItem {
  const detalhes = [
    row.price !== null ? formatReais(Number(row.price)) : null,
    row.mileage !== null ? `${formatNumber(row.mileage)} km` : null,
    row.color,
    row.transmission,
    row.fuel_type,
  ].filter(Boolean);
  return { id: row.id, titulo: `${row.brand} ${row.model} ${row.year ?? ''}`.trim(), detalhes: detalhes.join(' · ') };
}

/** The chat engine's view of this tenant's cars: available ones matching brand, model or year. */
export const carrosCatalogue: VerticalCatalogue = {
  vertical: 'carros',

  async findOffers(db: TenantDb, terms: readonly string[], limit: number): Promise<CatalogueItem[]> {
    const match = terms.map(() => '(brand LIKE ? OR model LIKE ? OR year = ?)').join(' OR ');
    const params = terms.flatMap((term) => [containsPattern(term), containsPattern(term), /^\d{4}$/.test(term) ? Number(term) : -1]);
    const rows = await db.query<RowDataPacket[]>(
      `SELECT id, brand, model, year, price, mileage, color, transmission, fuel_type FROM cars
        WHERE status = 'available' AND (${match}) ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, limit],
    );
    return rows.map(toItem);
  },

  async countAvailable(db: TenantDb): Promise<number> {
    const [row] = await db.query<RowDataPacket[]>(`SELECT COUNT(*) AS total FROM cars WHERE status = 'available'`);
    return Number(row.total);
  },
};
