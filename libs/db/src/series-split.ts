import { describeMigration, sameMigration, type MigrationPlan } from './migration-plan';

/** One row of a database's bookkeeping table. */
export interface RecordedMigration {
  /** UNLABELLED on rows written before the table had series. */
  series: string;
  version: number;
  name: string;
  checksum: string;
  applied_at: Date;
}

export const UNLABELLED = '';

/**
 * Rows recorded before the bookkeeping had series, as the plan's series record them: through the
 * plan's split (each row's checksum checked against the file it was recorded with, then replaced
 * by the versions it became, with their files' names and checksums and the row's time), or, for a
 * plan of one series without a split, as that series' versions unchanged. Nothing runs again.
 */
export function labelRecords(database: string, rows: RecordedMigration[], plan: MigrationPlan): RecordedMigration[] {
  return rows.flatMap((row) => {
    if (row.series !== UNLABELLED) return [row];
    if (!plan.split) return [{ ...row, series: onlySeries(database, plan) }];
    return becameOf(database, row, plan);
  });
}

function onlySeries(database: string, plan: MigrationPlan): string {
  const series = [...new Set(plan.migrations.map((m) => m.series))];
  if (series.length !== 1)
    throw new Error(`${database} records versions from before series, and its plan says neither which series they are nor how they split`);
  return series[0];
}

function becameOf(database: string, row: RecordedMigration, plan: MigrationPlan): RecordedMigration[] {
  const split = plan.split?.[row.version];
  if (!split) throw new Error(`${database} records version ${row.version} from before series, which its template never had`);
  if (split.checksum !== row.checksum) throw new Error(`migration ${row.version} of ${database} was changed after it was applied`);
  return split.became.map((ref) => {
    const migration = plan.migrations.find((m) => sameMigration(m, ref));
    if (!migration)
      throw new Error(`version ${row.version} of ${database} became migration ${describeMigration(ref)}, which is not in its plan`);
    return {
      series: migration.series,
      version: migration.version,
      name: migration.name,
      checksum: migration.checksum,
      applied_at: row.applied_at,
    };
  });
}
