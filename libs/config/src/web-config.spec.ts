import path from 'node:path';
import { ConfigError, loadWebConfig } from './index';

describe('web service configuration', () => {
  it('runs on defaults in development: port 3003, both robots on their dev ports, the dev web token', () => {
    const config = loadWebConfig({});
    expect(config).toMatchObject({
      WEB_PORT: 3003,
      MASTER_URL: 'http://127.0.0.1:3000',
      SERVICE_TOKEN: 'dev-web-token',
      COOKIE_SECURE: false,
    });
    expect(config.ROBOTS).toEqual({ carros: ['http://127.0.0.1:3001'], imoveis: ['http://127.0.0.1:3002'] });
    expect(config.BASE_DOMAINS).toEqual(['vendeai.com', 'localhost']);
    expect(config.WEB_DIST_DIR).toBe(path.resolve('dist/apps/web'));
  });

  it('groups robot instances by vertical, in the order given', () => {
    const config = loadWebConfig({ ROBOT_URLS: 'carros-api=http://a:3001,imoveis-api=http://c:3002,carros-api=http://b:3001' });
    expect(config.ROBOTS).toEqual({ carros: ['http://a:3001', 'http://b:3001'], imoveis: ['http://c:3002'] });
    expect(() => loadWebConfig({ ROBOT_URLS: 'master-api=http://a:3000' })).toThrow(/ROBOT_URLS/);
  });

  it('marks cookies Secure in production unless told otherwise', () => {
    const production = { NODE_ENV: 'production', SERVICE_TOKEN: 'prod-web-token-123' };
    expect(loadWebConfig(production).COOKIE_SECURE).toBe(true);
    expect(loadWebConfig({ ...production, COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
    expect(loadWebConfig({ COOKIE_SECURE: 'true' }).COOKIE_SECURE).toBe(true);
    expect(loadWebConfig({ COOKIE_SECURE: '' }).COOKIE_SECURE).toBe(false);
  });

  it('refuses a missing or development service token in production', () => {
    expect(() => loadWebConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadWebConfig({ NODE_ENV: 'production', SERVICE_TOKEN: 'dev-web-token' })).toThrow(/SERVICE_TOKEN/);
  });

  it('refuses malformed values, naming them', () => {
    expect(() => loadWebConfig({ WEB_PORT: 'x' })).toThrow(/WEB_PORT/);
    expect(() => loadWebConfig({ BASE_DOMAINS: 'evil domain' })).toThrow(/BASE_DOMAINS/);
    expect(() => loadWebConfig({ COOKIE_SECURE: 'sim' })).toThrow(/COOKIE_SECURE/);
  });
});
