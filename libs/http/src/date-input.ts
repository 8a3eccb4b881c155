import { MONTH_PATTERN } from '@helix/contracts';
import { z } from 'zod';
import { validationFailed } from './validation';

/**
 * The years any date of a request may name. Others are a typo or a probe, never a subscription, a
 * report or a booking; they also stay far from what MySQL's DATETIME cannot hold (before 1000).
 */
export const INPUT_YEARS = { min: 2000, max: 2100 } as const;

/** A booking is made from today to the same day this many years on. */
export const BOOKING_YEARS_AHEAD = 2;

const YEARS_PROBLEM = `use um ano entre ${INPUT_YEARS.min} e ${INPUT_YEARS.max}`;

/** The year as written (`2027-…`): what the person who wrote it sees, whatever the offset. */
function isWrittenInInputYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= INPUT_YEARS.min && year <= INPUT_YEARS.max;
}

/**
 * An instant in ISO 8601 with its offset (`2027-03-01T14:30:00-03:00` or `…Z`), in INPUT_YEARS, as
 * a Date. `wholeSeconds` for columns that keep whole seconds (DATETIME), which would round a
 * fraction: what is read back is then the instant written.
 */
export function isoInstant({ wholeSeconds = false } = {}) {
  const instant = z.iso
    .datetime({ offset: true, abort: true })
    .refine(isWrittenInInputYears, YEARS_PROBLEM)
    .transform((value) => new Date(value));
  return wholeSeconds ? instant.refine((date) => date.getUTCMilliseconds() === 0, 'use segundos inteiros, sem frações') : instant;
}

/** A month `AAAA-MM` in INPUT_YEARS, as the `mes` parameters take it. */
export const yearMonth = z
  .string()
  .regex(MONTH_PATTERN, { message: 'use AAAA-MM', abort: true })
  .refine(isWrittenInInputYears, YEARS_PROBLEM);

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant as days run in `timeZone`. */
function calendarDay(at: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const asDayMonthYear = (day: string) => day.split('-').reverse().join('/');

/**
 * Refuses a booking outside today … the same day BOOKING_YEARS_AHEAD years on, days as they run in
 * `timeZone`, with the same 400 as a schema. "Today" is the request's clock's, so this runs in the
 * handler rather than in a schema built once.
 */
export function assertBookable(at: Date, now: Date, timeZone: string, field: string): void {
  const today = calendarDay(now, timeZone);
  const last = `${Number(today.slice(0, 4)) + BOOKING_YEARS_AHEAD}${today.slice(4)}`;
  const day = calendarDay(at, timeZone);
  if (day < today || day > last) {
    throw validationFailed([
      { campo: field, problema: `marque de hoje (${asDayMonthYear(today)}) até ${asDayMonthYear(last)}, dias no fuso ${timeZone}` },
    ]);
  }
}
