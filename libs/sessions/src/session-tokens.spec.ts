import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { SessionTokens } from './session-tokens';

const claims = z.object({ tnt: z.string(), ver: z.number().int().positive() });
const SECRET = 'segredo-de-teste-com-32-caracteres!!';
const tokensFor = (overrides: Partial<{ secret: string; audience: string; ttlSeconds: number }> = {}) =>
  new SessionTokens({ secret: SECRET, issuer: 'helix-teste', audience: 'equipe', ttlSeconds: 60, claims, ...overrides });

const codeOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    return (error as { owner: string; code: string }).owner + ':' + (error as { code: string }).code;
  }
  return 'aceito';
};

describe('session tokens', () => {
  it('reads back the subject, the claims, the token id and the expiry it issued', () => {
    const tokens = tokensFor();
    const before = Date.now();
    const issued = tokens.issue('42', { tnt: 'garage_alpha', ver: 3 });
    const read = tokens.read(issued.token);
    expect(read).toEqual({ subject: '42', claims: { tnt: 'garage_alpha', ver: 3 }, jti: issued.jti, expiresAt: issued.expiresAt });
    expect(issued.expiresAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 60_000);
  });

  it('refuses an expired token as TOKEN_EXPIRED', () => {
    const expired = jwt.sign({ tnt: 'a', ver: 1 }, SECRET, {
      subject: '1',
      jwtid: crypto.randomUUID(),
      expiresIn: -10,
      issuer: 'helix-teste',
      audience: 'equipe',
    });
    expect(codeOf(() => tokensFor().read(expired))).toBe('sessions:TOKEN_EXPIRED');
  });

  it('refuses tokens of another audience, another secret, alg none or claims that fail the schema as INVALID_TOKEN', () => {
    const issued = (tokens: SessionTokens<typeof claims>) => tokens.issue('1', { tnt: 'a', ver: 1 }).token;
    const unsigned = jwt.sign({ tnt: 'a', ver: 1 }, '', {
      algorithm: 'none',
      subject: '1',
      jwtid: crypto.randomUUID(),
      expiresIn: 60,
      issuer: 'helix-teste',
      audience: 'equipe',
    });
    const badClaims = jwt.sign({ tnt: 'a', ver: 'um' }, SECRET, {
      subject: '1',
      jwtid: crypto.randomUUID(),
      expiresIn: 60,
      issuer: 'helix-teste',
      audience: 'equipe',
    });
    for (const token of [
      issued(tokensFor({ audience: 'visitante' })),
      issued(tokensFor({ secret: 'outro-segredo-com-32-caracteres!!!!' })),
      unsigned,
      badClaims,
      'lixo',
    ]) {
      expect(codeOf(() => tokensFor().read(token))).toBe('sessions:INVALID_TOKEN');
    }
  });
});
