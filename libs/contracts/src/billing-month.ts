import type { TenantResolutionV1 } from './tenant-resolution';

/** The master's BILLING_TIMEZONE unless configured otherwise; robots get the master's from each resolution. */
export const DEFAULT_BILLING_TIMEZONE = 'America/Sao_Paulo';

/** The time zone a robot counts a tenant's months (quota) and days (bookings) in: the master's, sent in each resolution. */
export const tenantTimeZone = (resolution: Pick<TenantResolutionV1, 'uso'>): string =>
  resolution.uso.fuso_horario ?? DEFAULT_BILLING_TIMEZONE;

const QUARTER_HOUR_MS = 15 * 60_000;
const MEMO_LIMIT = 4_096;

/** Per time zone: its formatter (costly to build) and the months of recently seen quarter hours. */
const zones = new Map<string, { formatter: Intl.DateTimeFormat; months: Map<number, string> }>();

/**
 * `YYYY-MM` of an instant in the billing time zone (America/Sao_Paulo by default), not the server's.
 * Every UTC offset and every offset change falls on a quarter hour, so all instants of one quarter
 * hour share a month: batches of usage events format each quarter hour once.
 */
export function billingMonth(at: Date, timeZone: string): string {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = { formatter: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }), months: new Map() };
    zones.set(timeZone, zone);
  }
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  let month = zone.months.get(quarter);
  if (month === undefined) {
    const parts = zone.formatter.formatToParts(at);
    month = `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
    if (zone.months.size >= MEMO_LIMIT) zone.months.clear();
    zone.months.set(quarter, month);
  }
  return month;
}

/** `YYYY-MM` as the query parameter `mes` accepts it. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
