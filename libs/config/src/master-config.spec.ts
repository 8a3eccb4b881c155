import { ConfigError, DEV_SECRETS, loadMasterConfig, withMysqlUrl } from './index';

const productionSecrets = {
  JWT_SECRET: 'a-long-production-jwt-secret',
  TENANT_SECRET_KEY: 'a-long-production-tenant-key',
  ADMIN_PASSWORD: 'production-admin-password',
  SERVICE_TOKENS: 'carros-api=prod-carros-token-123',
};

describe('master configuration', () => {
  it('runs on defaults in development', () => {
    const config = loadMasterConfig({});
    expect(config).toMatchObject({
      MASTER_PORT: 3000,
      MASTER_DB: 'helix_master',
      MYSQL_URL: 'mysql://root@127.0.0.1:3306',
      JWT_SECRET: DEV_SECRETS.JWT_SECRET,
    });
    expect(config.TENANT_DB_URL).toBe(config.MYSQL_URL);
    expect(config.SERVICE_TOKENS.get('dev-carros-token')).toBe('carros-api');
    // The web service's token, which may only read stores' public facts (GET /internal/lojas).
    expect(config.SERVICE_TOKENS.get('dev-web-token')).toBe('web');
  });

  it.each(Object.keys(productionSecrets))('refuses to start in production without %s, naming it', (name) => {
    const env = { NODE_ENV: 'production', ...productionSecrets, [name]: undefined };
    expect(() => loadMasterConfig(env)).toThrow(ConfigError);
    expect(() => loadMasterConfig(env)).toThrow(new RegExp(name));
  });

  it('refuses the development default of a secret in production', () => {
    const env = { NODE_ENV: 'production', ...productionSecrets, JWT_SECRET: DEV_SECRETS.JWT_SECRET };
    expect(() => loadMasterConfig(env)).toThrow(/JWT_SECRET/);
  });

  it('starts in production when every secret is set', () => {
    expect(loadMasterConfig({ NODE_ENV: 'production', ...productionSecrets }).NODE_ENV).toBe('production');
  });

  it('refuses malformed values, naming them', () => {
    expect(() => loadMasterConfig({ MASTER_PORT: 'abc' })).toThrow(/MASTER_PORT/);
    expect(() => loadMasterConfig({ MASTER_DB: 'helix; DROP' })).toThrow(/MASTER_DB/);
    expect(() => loadMasterConfig({ TENANT_DB_PREFIX: 'x`' })).toThrow(/TENANT_DB_PREFIX/);
    expect(() => loadMasterConfig({ SERVICE_TOKENS: 'carros-api=curto' })).toThrow(/SERVICE_TOKENS/);
    // A token's name is the robot it belongs to, and limits it to that vertical's tenants: no other names.
    expect(() => loadMasterConfig({ SERVICE_TOKENS: 'carros-api=token-valido-123,painel=token-valido-456' })).toThrow(
      /SERVICE_TOKENS.*carros-api, imoveis-api.*web/,
    );
  });

  it('keeps a service token whole when it contains "=" (base64 padding)', () => {
    const tokens = loadMasterConfig({ SERVICE_TOKENS: 'carros-api=c2VjcmV0LXRva2VuLTE=, imoveis-api=b3V0cm8tdG9rZW4tMg==' }).SERVICE_TOKENS;
    expect([...tokens]).toEqual([
      ['c2VjcmV0LXRva2VuLTE=', 'carros-api'],
      ['b3V0cm8tdG9rZW4tMg==', 'imoveis-api'],
    ]);
    expect(() => loadMasterConfig({ SERVICE_TOKENS: 'carros-api' })).toThrow(/SERVICE_TOKENS/);
  });

  it('reads ROBOT_URLS as the robot instances operations reach, refusing malformed pairs', () => {
    expect(loadMasterConfig({}).ROBOT_URLS).toEqual([
      { service: 'carros-api', url: 'http://127.0.0.1:3001' },
      { service: 'imoveis-api', url: 'http://127.0.0.1:3002' },
    ]);
    expect(loadMasterConfig({ ROBOT_URLS: 'carros-api=http://a:3001/, carros-api=http://b:3001' }).ROBOT_URLS).toEqual([
      { service: 'carros-api', url: 'http://a:3001' },
      { service: 'carros-api', url: 'http://b:3001' },
    ]);
    for (const bad of ['carros-api', '=http://a:3001', 'Carros=http://a:3001', 'carros-api=ftp://a', 'carros-api=http://a:3001;DROP']) {
      expect(() => loadMasterConfig({ ROBOT_URLS: bad })).toThrow(/ROBOT_URLS/);
    }
  });

  it('reads MASTER_DB_URLS as the master database nodes in order, MYSQL_URL alone when unset', () => {
    expect(loadMasterConfig({ MYSQL_URL: 'mysql://root@db:3306' }).MASTER_DB_URLS).toEqual(['mysql://root@db:3306']);
    expect(loadMasterConfig({ MASTER_DB_URLS: '' }).MASTER_DB_URLS).toEqual(['mysql://root@127.0.0.1:3306']);
    const env = { MASTER_DB_URLS: 'mysql://helix:s3nha@g1:3306, mysql://helix:s3nha@g2:3306,mariadb://helix:s3nha@g3' };
    const config = loadMasterConfig(env);
    expect(config.MASTER_DB_URLS).toEqual(['mysql://helix:s3nha@g1:3306', 'mysql://helix:s3nha@g2:3306', 'mariadb://helix:s3nha@g3']);
    // The embedded default replaces MYSQL_URL, and the master's nodes only when they were MYSQL_URL.
    expect(withMysqlUrl(config, 'mysql://root@127.0.0.1:4000', env).MASTER_DB_URLS).toEqual(config.MASTER_DB_URLS);
    expect(withMysqlUrl(loadMasterConfig({}), 'mysql://root@127.0.0.1:4000', {}).MASTER_DB_URLS).toEqual(['mysql://root@127.0.0.1:4000']);
    for (const bad of ['g1:3306', 'http://g1:3306', 'mysql://g1:3306,postgres://g2', 'mysql://g1:3306;DROP']) {
      expect(() => loadMasterConfig({ MASTER_DB_URLS: bad })).toThrow(/MASTER_DB_URLS/);
    }
  });

  it('e-mails the owner invite only when SMTP_URL is set, refusing anything but an smtp:// or smtps:// URL', () => {
    expect(loadMasterConfig({}).SMTP_URL).toBeUndefined();
    expect(loadMasterConfig({ SMTP_URL: 'smtp://u:p@mail:587', SMTP_FROM: 'Loja <x@y.test>' })).toMatchObject({
      SMTP_URL: 'smtp://u:p@mail:587',
      SMTP_FROM: 'Loja <x@y.test>',
      SMTP_TIMEOUT_MS: 10_000,
    });
    expect(() => loadMasterConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
  });

  it('treats Mercado Pago as optional, but refuses production credentials without the webhook secret', () => {
    expect(loadMasterConfig({ MERCADOPAGO_ACCESS_TOKEN: '' }).MERCADOPAGO_ACCESS_TOKEN).toBeUndefined();
    const env = { NODE_ENV: 'production', ...productionSecrets, MERCADOPAGO_ACCESS_TOKEN: 'APP_USR-123' };
    expect(() => loadMasterConfig(env)).toThrow(/MERCADOPAGO_WEBHOOK_SECRET/);
    expect(loadMasterConfig({ ...env, MERCADOPAGO_WEBHOOK_SECRET: 'segredo' }).MERCADOPAGO_BASE_URL).toBe('https://api.mercadopago.com');
  });
});
