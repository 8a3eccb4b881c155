import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Mercado Pago's webhook signature, as its notification docs describe it: the `x-signature`
 * header is `ts=<timestamp>,v1=<hex HMAC-SHA256>` computed with the application's secret over the
 * manifest `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`, where data.id comes from the query
 * string (lower-cased when alphanumeric) and a part whose value is missing is left out. The body is
 * not signed, so nothing in it is trusted.
 */
export function signatureManifest(dataId: string | undefined, requestId: string | undefined, ts: string): string {
  const parts = [dataId ? `id:${dataId.toLowerCase()}` : '', requestId ? `request-id:${requestId}` : '', `ts:${ts}`];
  return `${parts.filter(Boolean).join(';')};`;
}

export type SignatureCheck = { ok: true; v1: string } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'stale' };

const TIMESTAMP = /^\d{1,16}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The header's timestamp in ms: documented in seconds, sent in milliseconds by newer notifications. */
const timestampMs = (ts: string) => (ts.length >= 13 ? Number(ts) : Number(ts) * 1000);

export function verifySignature(input: {
  header: string | undefined;
  requestId: string | undefined;
  dataId: string | undefined;
  secret: string;
  now: Date;
  toleranceSeconds: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: 'missing' };
  const fields = new Map(
    input.header
      .split(',')
      .filter((part) => part.includes('='))
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
      }),
  );
  const ts = fields.get('ts');
  const v1 = fields.get('v1');
  if (!ts || !v1 || !TIMESTAMP.test(ts) || !HEX_SHA256.test(v1)) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', input.secret)
    .update(signatureManifest(input.dataId, input.requestId, ts))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return { ok: false, reason: 'mismatch' };
  // Checked after the HMAC, so a forged header learns nothing about the clock.
  if (Math.abs(input.now.getTime() - timestampMs(ts)) > input.toleranceSeconds * 1000) return { ok: false, reason: 'stale' };
  return { ok: true, v1: v1.toLowerCase() };
}
