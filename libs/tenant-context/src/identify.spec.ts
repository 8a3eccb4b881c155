import { identifyTenant } from './identify';
import { TenantContextError } from './tenant-context.error';

const BASES = ['vendeai.com', 'localhost'];

describe('identifying the tenant of a request', () => {
  it.each([
    [{ 'x-tenant-key': 'garage_alpha', host: 'outra.vendeai.com' }, { key: 'garage_alpha' }],
    [{ host: 'feiraoshowcar.vendeai.com' }, { key: 'feiraoshowcar' }],
    [{ host: 'garage-alpha.localhost:3001' }, { key: 'garage_alpha' }],
    [{ host: 'Garage-Alpha.VendeAI.com' }, { key: 'garage_alpha' }],
    [{ host: 'www.feiraoshowcar.com.br' }, { host: 'www.feiraoshowcar.com.br' }],
    [{ host: 'loja.exemplo.com:8080' }, { host: 'loja.exemplo.com' }],
  ])('reads %j as %j', (headers, expected) => {
    expect(identifyTenant(headers, BASES)).toEqual(expected);
  });

  it.each([
    ['an SQL fragment in the header', { 'x-tenant-key': "x' OR '1'='1" }],
    ['an empty header', { 'x-tenant-key': '' }],
    ['a repeated header', { 'x-tenant-key': ['a_key', 'b_key'] }],
    ['a very long header', { 'x-tenant-key': 'a'.repeat(5000) }],
    ['a look-alike header', { 'x-tenant-key': 'gаrage_alpha' }],
    ['no host at all', {}],
    ['an IPv4 literal', { host: '127.0.0.1:3001' }],
    ['an IPv6 literal', { host: '[::1]:3001' }],
    ['the bare base domain', { host: 'vendeai.com' }],
    ['a nested subdomain', { host: 'a.b.vendeai.com' }],
    ['a reserved-looking short label', { host: 'ab.vendeai.com' }],
    ['SQL in the host', { host: "x'--.vendeai.com" }],
    ['unicode in the host', { host: 'gаrage.vendeai.com' }],
    ['a huge host', { host: `${'a'.repeat(300)}.com` }],
    ['a single-label host (no domain anyone can own)', { host: 'carros-api:3001' }],
    ['a host whose last label is not a TLD', { host: 'loja.exemplo.123' }],
    ['a label longer than 63 characters', { host: `${'a'.repeat(64)}.com.br` }],
  ])('refuses %s as a malformed request (400 at the edge)', (_label, headers) => {
    let thrown: unknown;
    try {
      identifyTenant(headers as Record<string, string>, BASES);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TenantContextError);
    expect(['INVALID_TENANT_KEY', 'TENANT_REQUIRED', 'INVALID_HOST']).toContain((thrown as TenantContextError).code);
  });

  it.each([
    ['a reserved key in the header', { 'x-tenant-key': 'admin' }],
    ['a reserved subdomain', { host: 'www.vendeai.com' }],
  ])('answers %s as an unknown tenant without a lookup (404)', (_label, headers) => {
    expect(() => identifyTenant(headers, BASES)).toThrow(expect.objectContaining({ code: 'TENANT_NOT_FOUND' }));
  });
});
