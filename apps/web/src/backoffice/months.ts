import { TIME_ZONE } from '../shared/format';

const ym = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit' });
const monthName = new Intl.DateTimeFormat('pt-BR', { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** The last `count` billing months in São Paulo, oldest first, as `YYYY-MM`. */
export function lastMonths(count: number, now: Date = new Date()): string[] {
  const [year, month] = ym.format(now).split('-').map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** `2026-03` → `mar. de 2026` */
export function monthLabel(mes: string): string {
  const [year, month] = mes.split('-').map(Number);
  return monthName.format(new Date(Date.UTC(year, month - 1, 15)));
}
