import { SessionTokens, sessionsErrors } from '@helix/sessions';
import { z } from 'zod';

/**
 * What an admin token proves: which account, at which of its session versions, which session (for
 * logging it out) and until when. Nothing it says about the account's role or state is trusted:
 * that is read from the database on every request.
 */
export interface SessionClaims {
  adminId: number;
  version: number;
  jti: string;
  expiresAt: Date;
}

/** Tokens issued before sessions could be revoked carry no version: they are refused like forged ones. */
const adminClaims = z.object({ sv: z.number().int().positive() });
const ADMIN_ID = /^[1-9]\d{0,9}$/;

/** Admin tokens: the shared session tokens, issued by the master for its console. */
export class AdminSessionTokens {
  private readonly tokens: SessionTokens<typeof adminClaims>;

  constructor(secret: string, ttlSeconds: number) {
    this.tokens = new SessionTokens({ secret, ttlSeconds, issuer: 'helix-master', audience: 'helix-admin', claims: adminClaims });
  }

  issue(adminId: number, version: number): { token: string; expires_in: number } {
    const { token } = this.tokens.issue(String(adminId), { sv: version });
    return { token, expires_in: this.tokens.ttlSeconds };
  }

  read(token: string): SessionClaims {
    const { subject, claims, jti, expiresAt } = this.tokens.read(token);
    if (!ADMIN_ID.test(subject)) throw sessionsErrors.invalidToken();
    return { adminId: Number(subject), version: claims.sv, jti, expiresAt };
  }
}
