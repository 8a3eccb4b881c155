import type { Migration, MigrationPlan } from './migration-plan';
import { labelRecords, UNLABELLED, type RecordedMigration } from './series-split';

const migration = (series: string, version: number, name: string): Migration => ({
  series,
  version,
  name,
  sql: '',
  checksum: `${series}-${version}`,
});
const ranAt = new Date('2025-01-01T10:00:00Z');
const unlabelled = (version: number, checksum: string): RecordedMigration => ({
  series: UNLABELLED,
  version,
  name: 'old',
  checksum,
  applied_at: ranAt,
});

const SPLIT_PLAN: MigrationPlan = {
  migrations: [migration('base', 1, 'init'), migration('base', 2, 'quota'), migration('carros', 1, 'init')],
  split: {
    1: {
      checksum: 'old-1',
      became: [
        { series: 'base', version: 1 },
        { series: 'carros', version: 1 },
      ],
    },
    2: { checksum: 'old-2', became: [{ series: 'base', version: 2 }] },
  },
};

describe('labelling versions recorded before series', () => {
  it('replaces each by the versions it became, with their files’ names and checksums and its own time', () => {
    expect(labelRecords('db', [unlabelled(1, 'old-1'), unlabelled(2, 'old-2')], SPLIT_PLAN)).toEqual([
      { series: 'base', version: 1, name: 'init', checksum: 'base-1', applied_at: ranAt },
      { series: 'carros', version: 1, name: 'init', checksum: 'carros-1', applied_at: ranAt },
      { series: 'base', version: 2, name: 'quota', checksum: 'base-2', applied_at: ranAt },
    ]);
  });

  it('leaves rows that already have a series as they are', () => {
    const labelled: RecordedMigration = { series: 'carros', version: 2, name: 'slots', checksum: 'x', applied_at: ranAt };
    expect(labelRecords('db', [labelled], SPLIT_PLAN)).toEqual([labelled]);
  });

  it('refuses a version recorded with another file than the one the split names, or one it does not know', () => {
    expect(() => labelRecords('db', [unlabelled(1, 'edited')], SPLIT_PLAN)).toThrow('migration 1 of db was changed after it was applied');
    expect(() => labelRecords('db', [unlabelled(3, 'old-3')], SPLIT_PLAN)).toThrow(
      'db records version 3 from before series, which its template never had',
    );
  });

  it('refuses a split naming a version the plan lacks', () => {
    const cut = { ...SPLIT_PLAN, migrations: SPLIT_PLAN.migrations.slice(0, 1) };
    expect(() => labelRecords('db', [unlabelled(1, 'old-1')], cut)).toThrow(
      'version 1 of db became migration carros 1, which is not in its plan',
    );
  });

  it('takes them as the versions of a one-series plan without a split, and refuses to guess between several series', () => {
    expect(labelRecords('db', [unlabelled(1, 'base-1')], { migrations: [migration('master', 1, 'init')] })).toEqual([
      { ...unlabelled(1, 'base-1'), series: 'master' },
    ]);
    expect(() => labelRecords('db', [unlabelled(1, 'old-1')], { migrations: SPLIT_PLAN.migrations })).toThrow(
      /neither which series they are nor how they split/,
    );
  });
});
