import { apiKeyMatches, generateApiKey, hashPassword, SecretBox, verifyPassword, UNMATCHABLE_PASSWORD_HASH } from './index';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox('uma-chave-de-teste-longa');

  it('opens what it sealed, with a fresh IV every time', () => {
    const a = box.seal('senha-do-banco');
    expect(box.open(a)).toBe('senha-do-banco');
    expect(box.seal('senha-do-banco')).not.toBe(a);
  });

  it('refuses a tampered ciphertext and a different key', () => {
    const sealed = box.seal('senha-do-banco');
    const [v, iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new SecretBox('outra-chave-qualquer').open(sealed)).toThrow();
  });

  it('derives the same secret for the same purpose and key only, unrelated to what it seals with', () => {
    const derived = box.derive('mysql-gateway:a');
    expect(derived).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new SecretBox('uma-chave-de-teste-longa').derive('mysql-gateway:a')).toBe(derived);
    expect(box.derive('mysql-gateway:b')).not.toBe(derived);
    expect(new SecretBox('outra-chave-qualquer').derive('mysql-gateway:a')).not.toBe(derived);
  });
});

describe('passwords and API keys', () => {
  it('verifies a scrypt hash and nothing else', async () => {
    const hash = await hashPassword('correta-123');
    expect(await verifyPassword('correta-123', hash)).toBe(true);
    expect(await verifyPassword('errada-123', hash)).toBe(false);
    expect(await verifyPassword('', UNMATCHABLE_PASSWORD_HASH)).toBe(false);
  });

  it('matches an API key against its hash only', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key.apiKey, key.hash)).toBe(true);
    expect(apiKeyMatches(generateApiKey().apiKey, key.hash)).toBe(false);
    expect(key.apiKey.startsWith(key.displayPrefix)).toBe(true);
  });
});
