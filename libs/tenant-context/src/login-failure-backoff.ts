import { createHash } from 'node:crypto';
import type { GatewayLogin } from './mysql2-pool.adapter';

/** Beyond this many remembered failures the expired ones are dropped (all of them if none expired). */
const MAX_REMEMBERED = 10_000;

/**
 * After a tenant's switch or a gateway's login fails, calls for the same server, target and login
 * fail at once for a while instead of each trying MySQL again. Keyed by a hash: no password as a key.
 */
export class LoginFailureBackoff {
  /** Fingerprint → until when its calls fail without trying. */
  private readonly until = new Map<string, number>();

  constructor(private readonly backoffMs: number) {}

  static fingerprint(server: string, targetKey: string, gateway: GatewayLogin): string {
    return createHash('sha256').update(`${server}\0${targetKey}\0${gateway.user}\0${gateway.password}`).digest('base64');
  }

  /** `fingerprintOf` is only computed while some failure is remembered: a hash per request costs. */
  isBackingOff(fingerprintOf: () => string): boolean {
    if (this.until.size === 0) return false;
    const fingerprint = fingerprintOf();
    const until = this.until.get(fingerprint);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.until.delete(fingerprint);
    return false;
  }

  remember(fingerprint: string): void {
    if (this.backoffMs <= 0) return;
    const now = Date.now();
    if (this.until.size >= MAX_REMEMBERED) {
      for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
      if (this.until.size >= MAX_REMEMBERED) this.until.clear();
    }
    this.until.set(fingerprint, now + this.backoffMs);
  }
}
