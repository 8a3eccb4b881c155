/** One formatter per time zone: building an Intl formatter costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM` of an instant in the billing time zone (America/Sao_Paulo by default), not the server's. */
export function billingMonth(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}

/** `YYYY-MM` as the query parameter `mes` accepts it. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
