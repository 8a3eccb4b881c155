import { halfHourSlots, nowInSaoPaulo, todayInSaoPaulo } from '../shared/format';

/** Visits and test drives are offered from 08:00 to 18:00, São Paulo time, on the hour and half hour. */
export const FIRST_HOUR = 8;
export const LAST_HOUR = 18;

/** The slots still open on `date` (`YYYY-MM-DD`): all of them on a future day, the ones not yet past today. */
export function openSlots(date: string, now: Date = new Date()): string[] {
  const slots = halfHourSlots(FIRST_HOUR, LAST_HOUR);
  const today = todayInSaoPaulo(now);
  if (!date || date < today) return [];
  if (date > today) return slots;
  const agora = nowInSaoPaulo(now);
  return slots.filter((slot) => slot > agora);
}
