import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest (tenant DB passwords). The key is derived from the configured
 * secret; the stored form `v1.<iv>.<tag>.<ciphertext>` (base64url) carries its own version.
 * `derive` gives secrets that need no storage (shared MySQL accounts), from a separate key.
 */
export class SecretBox {
  private readonly key: Buffer;
  private readonly derivationKey: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256').update(`helix-secret-box:${secret}`).digest();
    this.derivationKey = createHash('sha256').update(`helix-derive:${secret}`).digest();
  }

  /** The same `purpose` always gives the same 43-character secret; nothing else can compute it without the key. */
  derive(purpose: string): string {
    return createHmac('sha256', this.derivationKey).update(purpose).digest('base64url');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
