import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'hx_';

/** A tenant API key: shown once, stored only as its SHA-256 (it has 256 bits of entropy, so no slow hash is needed). */
export function generateApiKey(): { apiKey: string; hash: string; displayPrefix: string } {
  const apiKey = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKey, hash: hashApiKey(apiKey), displayPrefix: apiKey.slice(0, 10) };
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

export function apiKeyMatches(apiKey: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(apiKey), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
