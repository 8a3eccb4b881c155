import { describe, expect, it } from 'vitest';
import { openSlots } from './booking-slots';
import { pageWindow } from './Pagination';

describe('booking slots', () => {
  // 14:10 in São Paulo (UTC−3).
  const now = new Date('2026-03-12T17:10:00Z');

  it('offers every half hour from 08:00 to 18:00 on a later day', () => {
    const slots = openSlots('2026-03-13', now);
    expect(slots[0]).toBe('08:00');
    expect(slots.at(-1)).toBe('18:00');
    expect(slots).toHaveLength(21);
  });

  it("offers only what is still ahead today, by São Paulo's clock", () => {
    expect(openSlots('2026-03-12', now)[0]).toBe('14:30');
    // 01:00 UTC on the 13th is still 22:00 on the 12th in São Paulo: the 12th is over, the 13th wholly ahead.
    const lateEvening = new Date('2026-03-13T01:00:00Z');
    expect(openSlots('2026-03-12', lateEvening)).toEqual([]);
    expect(openSlots('2026-03-13', lateEvening)).toHaveLength(21);
  });

  it('offers nothing on a past day or without a day', () => {
    expect(openSlots('2026-03-11', now)).toEqual([]);
    expect(openSlots('', now)).toEqual([]);
  });
});

describe('catalogue pages offered', () => {
  it('keeps the first, the last and two on each side of the current page', () => {
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12]);
    expect(pageWindow(1, 10)).toEqual([1, 2, 3, null, 10]);
  });
});
