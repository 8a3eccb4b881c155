import { SessionTokens } from '@helix/sessions';
import { z } from 'zod';
import { equipeErrors } from './equipe.errors';

/** A working day: the back office signs in again each morning. */
export const STAFF_SESSION_SECONDS = 12 * 3_600;

/** `typ` (and the audience) keep a visitor's token, signed with the same secret, from passing for a staff member's. */
const staffClaims = z.object({ tnt: z.string().min(1).max(64), typ: z.literal('equipe'), ver: z.number().int().positive() });
const USUARIO_ID = /^[1-9]\d{0,9}$/;

/** What a staff token proves: who, in which store, at which session version; role and state are read from the store's database. */
export interface StaffSession {
  usuarioId: number;
  tenantKey: string;
  version: number;
  jti: string;
  expiresAt: Date;
}

/** Staff session tokens: JWT HS256 under the robot's SESSION_SECRET, `{sub: usuario id, tnt, typ: 'equipe', ver}`. */
export class StaffTokens {
  private readonly tokens: SessionTokens<typeof staffClaims>;

  constructor(secret: string) {
    this.tokens = new SessionTokens({
      secret,
      issuer: 'helix-robot',
      audience: 'helix-equipe',
      ttlSeconds: STAFF_SESSION_SECONDS,
      claims: staffClaims,
    });
  }

  issue(tenantKey: string, usuarioId: number, version: number) {
    return this.tokens.issue(String(usuarioId), { tnt: tenantKey, typ: 'equipe', ver: version });
  }

  /** Forged, `alg: none`, another kind of token: INVALID_TOKEN; past its time: TOKEN_EXPIRED (both 401, `sessions` codes). */
  read(token: string): StaffSession {
    const { subject, claims, jti, expiresAt } = this.tokens.read(token);
    if (!USUARIO_ID.test(subject)) throw equipeErrors.sessionRevoked();
    return { usuarioId: Number(subject), tenantKey: claims.tnt, version: claims.ver, jti, expiresAt };
  }
}
