import { siteOfHost } from './site-of-host';

const BASES = ['vendeai.com', 'localhost'];
const codeOf = (host: string | undefined) => {
  try {
    siteOfHost(host, BASES);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('siteOfHost', () => {
  it('sends admin.<base domain> to the console, with or without a port', () => {
    expect(siteOfHost('admin.localhost:3003', BASES)).toEqual({ kind: 'admin' });
    expect(siteOfHost('ADMIN.vendeai.com', BASES)).toEqual({ kind: 'admin' });
  });

  it('names a store by subdomain (- for _) or by custom domain, as the robots read Hosts', () => {
    expect(siteOfHost('garage-alpha.localhost:3003', BASES)).toEqual({ kind: 'loja', lookup: { key: 'garage_alpha' } });
    expect(siteOfHost('garage-alpha.vendeai.com', BASES)).toEqual({ kind: 'loja', lookup: { key: 'garage_alpha' } });
    expect(siteOfHost('www.FeiraoShowCar.com.br', BASES)).toEqual({ kind: 'loja', lookup: { host: 'www.feiraoshowcar.com.br' } });
  });

  it('refuses hosts that name no store, or cannot be a host at all, without a lookup', () => {
    expect(codeOf('localhost:3003')).toBe('TENANT_REQUIRED');
    expect(codeOf(undefined)).toBe('TENANT_REQUIRED');
    expect(codeOf('a.b.localhost')).toBe('INVALID_TENANT_KEY');
    expect(codeOf('admin.outro.com.br')).toBeUndefined(); // a custom domain like any other
    for (const host of ['127.0.0.1:3003', '[::1]:3003', 'a..b.com', 'semponto', '<script>.com']) expect(codeOf(host)).toBe('INVALID_HOST');
  });
});
