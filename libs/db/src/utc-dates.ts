import type { TypeCast } from 'mysql2';

/**
 * Reads a DATE or DATETIME value's text as ISO 8601 in UTC, so every four-digit year comes back as
 * written. mysql2 builds dates with `Date.UTC` (binary protocol) or V8's legacy date parser (text
 * protocol), and both take a year below 100 as a two-digit one: `0050-06-01` came back as 1950,
 * `0001-01-01` as 1901 or 2001. TIMESTAMP (1970–2038 only) and every other column are left to mysql2.
 */
export const readDatesAsWritten: TypeCast = (field, next) => {
  if (field.type !== 'DATETIME' && field.type !== 'DATE') return next();
  const text = field.string('latin1');
  if (text === null) return null;
  // `YYYY-MM-DD` alone is already read as UTC; `YYYY-MM-DD hh:mm:ss[.ffffff]` needs its `T` and `Z`.
  return new Date(text.length === 10 ? text : `${text.slice(0, 10)}T${text.slice(11)}Z`);
};

/**
 * How connections write and read dates: a `Date` is written as its UTC wall clock and a DATETIME
 * read back as one, whatever the process's time zone. TIMESTAMP columns are converted by the server
 * in the session's time zone, hence servers that run in UTC.
 */
export const UTC_DATE_WRITES = { timezone: 'Z', dateStrings: false } as const;

/**
 * UTC_DATE_WRITES, and every DATE and DATETIME read back with its year as written. mysql2 calls a
 * typeCast for every value it reads (about 60 ns each): the master's and the operations' pools take
 * it; the robots' tenant pools, whose hot path is catalogue pages with no such column, do not, and
 * format the one user-written DATETIME they read (a booking's) in SQL instead.
 */
export const UTC_DATES = { ...UTC_DATE_WRITES, typeCast: readDatesAsWritten } as const;
