import { DomainError } from '@helix/contracts';
import { SessionTokens } from '@helix/sessions';
import { z } from 'zod';
import { visitanteErrors } from './visitantes.errors';

/** A visitor keeps its conversation across visits for a month. */
const VISITOR_SESSION_SECONDS = 30 * 86_400;

/** `typ` keeps a staff token (same secret) from passing for a visitor's, and the audience too. */
const visitorClaims = z.object({ tnt: z.string().min(1).max(64), typ: z.literal('visitante') });

export interface VisitorSession {
  visitanteId: string;
  tenantKey: string;
  expiresAt: Date;
}

/** Visitor session tokens: JWT HS256 under the robot's SESSION_SECRET, `{sub: visitante id, tnt: tenant key, typ: 'visitante'}`. */
export class VisitorTokens {
  private readonly tokens: SessionTokens<typeof visitorClaims>;

  constructor(secret: string) {
    this.tokens = new SessionTokens({
      secret,
      issuer: 'helix-robot',
      audience: 'helix-visitante',
      ttlSeconds: VISITOR_SESSION_SECONDS,
      claims: visitorClaims,
    });
  }

  issue(tenantKey: string, visitanteId: string): { token: string; expiresAt: Date } {
    const { token, expiresAt } = this.tokens.issue(visitanteId, { tnt: tenantKey, typ: 'visitante' });
    return { token, expiresAt };
  }

  /** Forged, `alg: none`, another kind of token or expired: refused as a visitor's 401. */
  read(token: string): VisitorSession {
    try {
      const { subject, claims, expiresAt } = this.tokens.read(token);
      if (!z.uuid().safeParse(subject).success) throw visitanteErrors.sessionInvalid();
      return { visitanteId: subject, tenantKey: claims.tnt, expiresAt };
    } catch (error) {
      if (error instanceof DomainError && error.owner === 'sessions') {
        throw error.code === 'TOKEN_EXPIRED' ? visitanteErrors.sessionExpired() : visitanteErrors.sessionInvalid();
      }
      throw error;
    }
  }
}
