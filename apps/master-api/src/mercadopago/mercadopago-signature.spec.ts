import { createHmac } from 'node:crypto';
import { signatureManifest, verifySignature } from './mercadopago-signature';

const secret = 'segredo-do-webhook';
const now = new Date('2026-12-15T15:00:00Z');
const ts = String(now.getTime() / 1000);
const hmac = (manifest: string, key = secret) => createHmac('sha256', key).update(manifest).digest('hex');
const check = (header: string | undefined, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
  verifySignature({ header, requestId: 'req-1', dataId: 'ABC123', secret, now, toleranceSeconds: 300, ...overrides });

describe('Mercado Pago webhook signature', () => {
  it('builds the documented manifest: lower-cased data.id, missing parts left out, trailing semicolon', () => {
    expect(signatureManifest('ABC123', 'req-1', '1704908010')).toBe('id:abc123;request-id:req-1;ts:1704908010;');
    expect(signatureManifest('123456', undefined, '1704908010')).toBe('id:123456;ts:1704908010;');
    expect(signatureManifest(undefined, 'req-1', '1704908010')).toBe('request-id:req-1;ts:1704908010;');
  });

  it('accepts a signature over the manifest, in any order of the header parts and hex case', () => {
    const v1 = hmac(`id:abc123;request-id:req-1;ts:${ts};`);
    expect(check(`ts=${ts},v1=${v1}`)).toEqual({ ok: true, v1 });
    expect(check(` v1=${v1.toUpperCase()} , ts=${ts} `)).toEqual({ ok: true, v1 });
  });

  it('accepts a timestamp in milliseconds as well as in seconds', () => {
    const tsMs = String(now.getTime() - 1000);
    expect(check(`ts=${tsMs},v1=${hmac(`id:abc123;request-id:req-1;ts:${tsMs};`)}`).ok).toBe(true);
  });

  it('refuses another secret, another data.id, another request id, a missing or malformed header', () => {
    const manifest = `id:abc123;request-id:req-1;ts:${ts};`;
    expect(check(`ts=${ts},v1=${hmac(manifest, 'outro-segredo')}`)).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(`ts=${ts},v1=${hmac(manifest)}`, { dataId: 'ABC124' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(`ts=${ts},v1=${hmac(manifest)}`, { requestId: 'req-2' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(`ts=${Number(ts) + 1},v1=${hmac(manifest)}`)).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing' });
    for (const header of ['lixo', `ts=${ts}`, `v1=${hmac(manifest)}`, `ts=abc,v1=${hmac(manifest)}`, `ts=${ts},v1=xyz`]) {
      expect(check(header)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a correct signature older or newer than the tolerance as stale', () => {
    for (const offset of [-301, 301]) {
      const when = String(Number(ts) + offset);
      expect(check(`ts=${when},v1=${hmac(`id:abc123;request-id:req-1;ts:${when};`)}`)).toEqual({ ok: false, reason: 'stale' });
    }
  });
});
