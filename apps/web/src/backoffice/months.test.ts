import { describe, expect, it } from 'vitest';
import { lastMonths, monthLabel } from './months';

describe('months', () => {
  it('counts billing months in São Paulo, across a year boundary', () => {
    // 02:00 UTC on 1 January is still 31 December in São Paulo.
    expect(lastMonths(3, new Date('2027-01-01T02:00:00Z'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(lastMonths(2, new Date('2027-01-01T04:00:00Z'))).toEqual(['2026-12', '2027-01']);
  });

  it('names a month in pt-BR', () => {
    expect(monthLabel('2026-03')).toBe('mar. de 2026');
  });
});
