import type { RobotVertical } from '@helix/contracts';
import { MIGRATION_LEASE_TABLE, MIGRATIONS_TABLE } from '@helix/db';
import type { TableShape } from './table-shapes';

/**
 * The tables a legacy single-tenant database (the seed's `empresa_X_db`) must already have, per
 * vertical; the template's other tables (helix additions such as `_usage_outbox`) are created on
 * import. Only carros had a legacy layout.
 */
export const LEGACY_LAYOUT_TABLES: Partial<Record<RobotVertical, readonly string[]>> = {
  carros: ['cars', 'car_images', 'customers', 'conversations', 'mensagens', 'agendamentos'],
};

export interface LegacyComparison {
  /** Reasons the database cannot be adopted as version 1 of the template. */
  problems: string[];
  /** Template tables the legacy database lacks and that import creates, empty. */
  missingTables: string[];
  /** Tables and columns the template does not know: kept as they are. */
  extras: string[];
}

/** Integer display widths (`int(11)`) differ between servers and mean nothing. */
const normalizeType = (type: string) => type.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');

/** Compares a legacy database with the template's first version, by table, column name and type. */
export function compareWithTemplate(robo: RobotVertical, template: TableShape[], legacy: TableShape[]): LegacyComparison {
  const layout = LEGACY_LAYOUT_TABLES[robo] ?? [];
  const legacyByName = new Map(legacy.map((t) => [t.name, t]));
  const result: LegacyComparison = { problems: [], missingTables: [], extras: [] };
  if (legacyByName.has(MIGRATIONS_TABLE)) result.problems.push(`${MIGRATIONS_TABLE} já existe: o banco já é gerenciado pelo helix`);
  // The runner's bookkeeping: baselining makes it.
  for (const expected of template.filter((t) => t.name !== MIGRATIONS_TABLE && t.name !== MIGRATION_LEASE_TABLE)) {
    const actual = legacyByName.get(expected.name);
    if (!actual) {
      if (layout.includes(expected.name)) result.problems.push(`tabela ${expected.name} ausente`);
      else result.missingTables.push(expected.name);
      continue;
    }
    const columns = new Map(actual.columns.map((c) => [c.name, c]));
    for (const column of expected.columns) {
      const found = columns.get(column.name);
      if (!found) result.problems.push(`coluna ${expected.name}.${column.name} ausente`);
      else if (normalizeType(found.columnType) !== normalizeType(column.columnType)) {
        result.problems.push(`coluna ${expected.name}.${column.name} é ${found.columnType}, o modelo espera ${column.columnType}`);
      }
      columns.delete(column.name);
    }
    for (const extra of columns.keys()) result.extras.push(`${expected.name}.${extra}`);
  }
  const known = new Set(template.map((t) => t.name));
  for (const table of legacy) if (!known.has(table.name)) result.extras.push(table.name);
  return result;
}
