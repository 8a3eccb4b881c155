/** pt-BR presentation: money in BRL, dates and times in America/Sao_Paulo, distances in km. */

export const TIME_ZONE = 'America/Sao_Paulo';

const reais = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const reaisInteiros = new Intl.NumberFormat('pt-BR', {
  style: 'currency',
  currency: 'BRL',
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});
const inteiro = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 2 });

/** `R$ 85.000` for whole reais, `R$ 1.234,50` otherwise. */
export function formatBRL(value: number | string | null | undefined): string {
  const amount = Number(value);
  if (value === null || value === undefined || value === '' || !Number.isFinite(amount)) return 'Preço sob consulta';
  return (Number.isInteger(amount) ? reaisInteiros : reais).format(amount);
}

export const formatKm = (km: number | null | undefined): string | null =>
  km === null || km === undefined ? null : `${inteiro.format(km)} km`;

export const formatArea = (m2: number | string | null | undefined): string | null =>
  m2 === null || m2 === undefined ? null : `${decimal.format(Number(m2))} m²`;

const dateTime = new Intl.DateTimeFormat('pt-BR', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const longDateTime = new Intl.DateTimeFormat('pt-BR', {
  timeZone: TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat('pt-BR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** `12/03/2026, 14:30` */
export const formatDateTime = (value: string | Date): string => dateTime.format(toDate(value));

/** `quinta-feira, 12 de março às 14:30` */
export const formatLongDateTime = (value: string | Date): string =>
  longDateTime.format(toDate(value)).replace(/, (\d{2}:\d{2})$/, ' às $1');

/** `14:30` */
export const formatTime = (value: string | Date): string => timeOnly.format(toDate(value));

/** Today's date in São Paulo, `YYYY-MM-DD` (what `<input type="date">` speaks). */
export const todayInSaoPaulo = (now: Date = new Date()): string => ymd.format(now);

/** The UTC offset São Paulo has on that day, `-03:00` (no daylight saving since 2019, but asked, not assumed). */
export function saoPauloOffset(date: string, time: string): string {
  const probe = new Date(`${date}T${time}:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name ?? '');
  return match ? match[1] : '-03:00';
}

/** A São Paulo wall-clock slot as an ISO instant with its offset: `2026-03-12T14:30:00-03:00`. */
export const saoPauloInstant = (date: string, time: string): string => `${date}T${time}:00${saoPauloOffset(date, time)}`;

/** Half-hour slots between two hours, `08:00` … `18:00`. */
export function halfHourSlots(firstHour: number, lastHour: number): string[] {
  const slots: string[] = [];
  for (let hour = firstHour; hour <= lastHour; hour++) {
    slots.push(`${String(hour).padStart(2, '0')}:00`);
    if (hour < lastHour) slots.push(`${String(hour).padStart(2, '0')}:30`);
  }
  return slots;
}

/** The current São Paulo wall-clock time, `HH:MM`. */
export const nowInSaoPaulo = (now: Date = new Date()): string => formatTime(now);

/** `veículo` → `Veículo` (a word that starts a heading or a column name). */
export const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
