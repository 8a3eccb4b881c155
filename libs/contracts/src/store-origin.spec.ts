import { staffInviteUrl, storeOrigin } from './store-origin';

describe('a store origin', () => {
  it('is the subdomain of the web base URL, with its scheme and port', () => {
    expect(storeOrigin('http://localhost:3003', { tenant_key: 'garage_alpha' })).toBe('http://garage-alpha.localhost:3003');
    expect(storeOrigin('https://vendeai.com/', { tenant_key: 'imob', dominio: null })).toBe('https://imob.vendeai.com');
  });

  it('is the custom domain when the store has one', () => {
    expect(storeOrigin('https://vendeai.com', { tenant_key: 'garage_alpha', dominio: 'loja.exemplo.com.br' })).toBe(
      'https://loja.exemplo.com.br',
    );
  });

  it('puts the invite token in the fragment of the panel link', () => {
    expect(staffInviteUrl('http://localhost:3003', { tenant_key: 'garage_alpha' }, 'abc')).toBe(
      'http://garage-alpha.localhost:3003/painel/convite#abc',
    );
  });
});
