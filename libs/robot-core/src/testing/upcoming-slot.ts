const DAY_MS = 86_400_000;
/** São Paulo (the default billing time zone) has kept -03:00 all year since 2019. */
const SAO_PAULO_OFFSET_MS = -3 * 3_600_000;

/**
 * A booking slot `days` days after today as São Paulo counts days, at `time` there: inside the
 * booking window whatever day the tests run on a robot with the real clock.
 */
export function slotInDays(days: number, time = '10:00'): string {
  const day = new Date(Date.now() + SAO_PAULO_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
  return `${day}T${time}:00-03:00`;
}
