import { billingMonth } from './billing-month';

describe('billingMonth', () => {
  it.each([
    ['2026-11-30T23:30:00-03:00', 'America/Sao_Paulo', '2026-11'],
    ['2026-12-01T00:30:00-03:00', 'America/Sao_Paulo', '2026-12'],
    ['2026-12-01T02:59:59.999Z', 'America/Sao_Paulo', '2026-11'],
    ['2026-12-01T03:00:00.000Z', 'America/Sao_Paulo', '2026-12'],
    ['2026-11-30T23:30:00-03:00', 'UTC', '2026-12'],
    // +05:45: the month turns on a quarter hour that is not a whole UTC hour.
    ['2026-11-30T18:14:59.999Z', 'Asia/Kathmandu', '2026-11'],
    ['2026-11-30T18:15:00.000Z', 'Asia/Kathmandu', '2026-12'],
    // New York leaves daylight time on 2026-11-01 at 02:00 local (06:00Z): still November either side.
    ['2026-11-01T05:59:00Z', 'America/New_York', '2026-11'],
    ['2026-11-01T03:59:59Z', 'America/New_York', '2026-10'],
  ])('%s in %s is billed in %s', (at, timeZone, month) => {
    expect(billingMonth(new Date(at), timeZone)).toBe(month);
  });

  it('answers the same for every instant of a quarter hour, whichever is asked first', () => {
    const start = Date.parse('2026-11-30T18:00:00Z');
    const forward = Array.from({ length: 60 }, (_, m) => billingMonth(new Date(start + m * 60_000), 'Asia/Kathmandu'));
    expect(forward.indexOf('2026-12')).toBe(15);
    expect(billingMonth(new Date(start + 30 * 60_000 - 1), 'Asia/Kolkata')).toBe('2026-11');
    expect(billingMonth(new Date(start + 30 * 60_000), 'Asia/Kolkata')).toBe('2026-12');
    expect(billingMonth(new Date(start + 30 * 60_000), 'America/Sao_Paulo')).toBe('2026-11');
  });
});
