import { setTimeout as sleep } from 'node:timers/promises';
import { retryAfterSeconds, type RateDecision, type RateLimit, type RateLimiter } from '@helix/rate-limit';
import { sessionsErrors } from './sessions.errors';

export interface LoginLimits {
  maxFailuresPerIp: number;
  maxFailuresPerEmail: number;
  windowSeconds: number;
  /** Keeps each kind of account's counts apart in a shared store (default `login`, the master's admins). */
  namespace?: string;
}

/** The longest an attempt on an e-mail under attack is held back: a slow-down, never a lock-out. */
const MAX_SLOWDOWN_MS = 3_000;
const FIRST_SLOWDOWN_MS = 100;
/** Failures per e-mail are only counted (for the slow-down), never refused: a burst no one reaches. */
const UNBOUNDED_BURST = 1_000_000;

const tooMany = (decision: RateDecision) => sessionsErrors.tooManyAttempts(retryAfterSeconds(decision));

/** `max` failures per window, at once or spread out. */
const failuresPerWindow = (max: number, windowSeconds: number, burst = max): RateLimit => ({
  perMinute: (max * 60) / windowSeconds,
  burst,
});

/**
 * Login attempts, limited so that an attacker cannot lock out the rightful account: failures are
 * limited per address and per address + e-mail (refused: TOO_MANY_ATTEMPTS), while failures on one e-mail
 * from many addresses only slow that e-mail's attempts down, so the right password from a clean
 * address still logs in. Successful attempts give back what they took. Counted in the shared
 * limiter, so every instance sees the same counts.
 */
export class LoginThrottle {
  private readonly perIp: RateLimit;
  private readonly perPair: RateLimit;
  private readonly perEmail: RateLimit;
  private readonly namespace: string;

  constructor(
    private readonly limiter: RateLimiter,
    limits: LoginLimits,
  ) {
    this.perIp = failuresPerWindow(limits.maxFailuresPerIp, limits.windowSeconds);
    this.perPair = failuresPerWindow(limits.maxFailuresPerEmail, limits.windowSeconds);
    this.perEmail = failuresPerWindow(limits.maxFailuresPerEmail, limits.windowSeconds, UNBOUNDED_BURST);
    this.namespace = limits.namespace ?? 'login';
  }

  /** `scope` keeps the counts of separate account lists apart (each store's staff): none for a single list. */
  async attempt<T>(ip: string, email: string, verify: () => Promise<T>, scope?: string): Promise<T> {
    const prefix = scope === undefined ? this.namespace : `${this.namespace}:${scope}`;
    const ipKey = `${prefix}:ip:${ip}`;
    const pairKey = `${prefix}:par:${ip}:${email}`;
    const emailKey = `${prefix}:email:${email}`;
    // Taken before verifying, so concurrent attempts cannot all slip under the limit.
    const byIp = await this.limiter.take(ipKey, this.perIp);
    if (!byIp.allowed) throw tooMany(byIp);
    const byPair = await this.limiter.take(pairKey, this.perPair);
    if (!byPair.allowed) throw tooMany(byPair);
    await sleep(slowdownMs((await this.limiter.check(emailKey, this.perEmail, 0)).level, this.perPair.burst));
    let result: T;
    try {
      result = await verify();
    } catch (error) {
      await this.limiter.take(emailKey, this.perEmail);
      throw error;
    }
    await Promise.all([this.limiter.giveBack(ipKey, this.perIp), this.limiter.giveBack(pairKey, this.perPair)]);
    return result;
  }
}

/** Nothing up to `free` recent failures on the e-mail, then doubling from 100 ms up to 3 s. */
export function slowdownMs(recentFailures: number, free: number): number {
  const over = Math.floor(recentFailures) - free;
  return over < 0 ? 0 : Math.min(MAX_SLOWDOWN_MS, FIRST_SLOWDOWN_MS * 2 ** over);
}
