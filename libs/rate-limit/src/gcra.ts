/**
 * A limit as plans state it: `perMinute` on average, `burst` at once. Enforced with GCRA (the
 * generic cell rate algorithm): one number per key, the theoretical arrival time (TAT) of the next
 * request, so a decision costs one read and at most one write, wherever the number is kept.
 */
export interface RateLimit {
  perMinute: number;
  burst: number;
}

export interface RateDecision {
  allowed: boolean;
  /**
   * Refused: how long until the same request would be allowed. Allowed: how long until another
   * one would be (0 while the allowance holds more): a limiter can refuse what comes before then
   * without asking anyone, since other instances can only spend more, never give back time.
   */
  retryAfterMs: number;
  /** Requests the key has queued ahead (decays at the rate): a refused key shows how far over it is. */
  level: number;
}

/** What a store needs to decide one request: GCRA's two constants and the request's weight. */
export interface GcraStep {
  /** Emission interval: one request's share of time, in ms. */
  intervalMs: number;
  /** How far ahead of now the TAT may run: `burst` intervals. */
  toleranceMs: number;
  /** Weight of this request; 0 asks without spending, a negative cost gives back. */
  cost: number;
  /** False: decide only, change nothing (a check before the real attempt). */
  commit: boolean;
}

export function gcraStep(limit: RateLimit, cost: number, commit = true): GcraStep {
  if (!(limit.perMinute > 0) || !(limit.burst >= 1)) throw new RangeError(`invalid rate limit ${JSON.stringify(limit)}`);
  const intervalMs = 60_000 / limit.perMinute;
  return { intervalMs, toleranceMs: intervalMs * limit.burst, cost, commit };
}

/**
 * One GCRA decision: the TAT moves `cost` intervals ahead (never behind now); allowed while it
 * stays within the tolerance. Returns the decision and the TAT to store (undefined: leave it).
 * The Redis store runs the same arithmetic in Lua (redis-rate-store.ts).
 */
export function gcra(storedTat: number | undefined, now: number, step: GcraStep): { decision: RateDecision; tat?: number } {
  const tat = Math.max(storedTat ?? now, now);
  const next = Math.max(tat + step.cost * step.intervalMs, now);
  const ahead = next - now;
  if (ahead > step.toleranceMs) {
    return { decision: { allowed: false, retryAfterMs: Math.ceil(ahead - step.toleranceMs), level: (tat - now) / step.intervalMs } };
  }
  return { decision: allowedDecision(ahead, step), tat: step.commit ? next : undefined };
}

/** An allowed decision, from how far its TAT runs ahead of now: the next request fits once one more interval does. */
export function allowedDecision(aheadMs: number, step: GcraStep): RateDecision {
  return {
    allowed: true,
    retryAfterMs: Math.max(0, Math.ceil(aheadMs + step.intervalMs - step.toleranceMs)),
    level: aheadMs / step.intervalMs,
  };
}
