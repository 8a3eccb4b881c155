import { gcra, gcraStep } from './gcra';

const perSecond = { perMinute: 60, burst: 3 };

/** Runs `costs` at the given instants (ms) through gcra(), keeping the TAT as a store would. */
function replay(events: [at: number, cost: number, commit?: boolean][]) {
  let tat: number | undefined;
  return events.map(([at, cost, commit]) => {
    const { decision, tat: next } = gcra(tat, at, gcraStep(perSecond, cost, commit ?? true));
    if (next !== undefined) tat = next;
    return decision;
  });
}

describe('GCRA', () => {
  it('allows the burst at once, then one request per interval', () => {
    const decisions = replay([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [999, 1],
      [1000, 1],
    ]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false, true]);
    expect(decisions[3].retryAfterMs).toBe(1000);
    expect(decisions[4].retryAfterMs).toBe(1);
    // Allowed: 0 while more would fit; once the last of the burst is spent, how long until the next fits.
    expect(decisions.slice(0, 3).map((d) => d.retryAfterMs)).toEqual([0, 0, 1000]);
  });

  it('refills at the rate while idle, never beyond the burst', () => {
    const decisions = replay([
      [0, 3],
      [10_000, 3],
      [10_000, 1],
    ]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('spends nothing on a refusal or a check, and gives back on a negative cost', () => {
    const decisions = replay([
      [0, 3],
      [0, 1], // refused: spends nothing
      [500, 1, false], // a check
      [500, -1], // one given back
      [500, 1],
      [500, 1],
    ]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, false, false, true, true, false]);
  });

  it('reports how many requests are queued ahead (the level)', () => {
    const [first, second] = replay([
      [0, 2],
      [0, 1],
    ]);
    expect(first.level).toBe(2);
    expect(second.level).toBe(3);
  });

  it('refuses a limit that cannot be enforced', () => {
    expect(() => gcraStep({ perMinute: 0, burst: 1 }, 1)).toThrow(RangeError);
    expect(() => gcraStep({ perMinute: 10, burst: 0 }, 1)).toThrow(RangeError);
  });
});
