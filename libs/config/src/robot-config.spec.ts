import { ConfigError, loadRobotConfig } from './index';

describe('robot configuration', () => {
  it('runs each robot on its own defaults in development', () => {
    const carros = loadRobotConfig('carros', {});
    const imoveis = loadRobotConfig('imoveis', {});
    expect(carros).toMatchObject({
      PORT: 3001,
      SERVICE_TOKEN: 'dev-carros-token',
      DB_MAX_CONNECTIONS: 20,
      TENANT_CACHE_TTL_MS: 5_000,
      TENANT_STALE_MS: 600_000,
    });
    expect(carros.BASE_DOMAINS).toEqual(['vendeai.com', 'localhost']);
    expect(imoveis).toMatchObject({ PORT: 3002, SERVICE_TOKEN: 'dev-imoveis-token', VERTICAL: 'imoveis' });
  });

  it("limits staff logins as the master's admins, links invites to the web service and keeps uploads under .data", () => {
    expect(loadRobotConfig('carros', {})).toMatchObject({
      LOGIN_MAX_FAILURES_PER_IP: 20,
      LOGIN_MAX_FAILURES_PER_EMAIL: 5,
      LOGIN_WINDOW_SECONDS: 900,
      WEB_BASE_URL: 'http://localhost:3003',
      UPLOAD_DIR: '.data/uploads',
    });
    expect(() => loadRobotConfig('carros', { WEB_BASE_URL: 'not a url' })).toThrow(/WEB_BASE_URL/);
  });

  it('refuses a missing or development service token in production', () => {
    expect(() => loadRobotConfig('carros', { NODE_ENV: 'production' })).toThrow(/SERVICE_TOKEN/);
    expect(() => loadRobotConfig('imoveis', { NODE_ENV: 'production', SERVICE_TOKEN: 'dev-carros-token' })).toThrow(ConfigError);
    const sessionSecret = 'a-production-session-secret-of-32-chars';
    expect(
      loadRobotConfig('carros', { NODE_ENV: 'production', SERVICE_TOKEN: 'prod-carros-token-1', SESSION_SECRET: sessionSecret }),
    ).toMatchObject({
      SERVICE_TOKEN: 'prod-carros-token-1',
      SESSION_SECRET: sessionSecret,
    });
  });

  it('refuses a missing, development or short session secret in production', () => {
    const production = { NODE_ENV: 'production', SERVICE_TOKEN: 'prod-carros-token-1' };
    expect(() => loadRobotConfig('carros', production)).toThrow(/SESSION_SECRET/);
    expect(() => loadRobotConfig('carros', { ...production, SESSION_SECRET: 'dev-robot-session-secret-not-for-production' })).toThrow(
      /SESSION_SECRET/,
    );
    expect(() => loadRobotConfig('carros', { ...production, SESSION_SECRET: 'curto-demais' })).toThrow(/SESSION_SECRET/);
  });

  it('treats empty optional variables (as docker compose passes them) as unset', () => {
    const config = loadRobotConfig('carros', { LLM_BASE_URL: '', LLM_API_KEY: '', LOG_PER_TENANT_DIR: '' });
    expect(config.LLM_BASE_URL).toBeUndefined();
    expect(config.LOG_PER_TENANT_DIR).toBeUndefined();
  });

  it('refuses malformed values, naming them', () => {
    expect(() => loadRobotConfig('carros', { BASE_DOMAINS: 'vendeai.com,evil domain' })).toThrow(/BASE_DOMAINS/);
    expect(() => loadRobotConfig('carros', { DB_MAX_CONNECTIONS: '0' })).toThrow(/DB_MAX_CONNECTIONS/);
    expect(() => loadRobotConfig('carros', { MASTER_URL: 'not a url' })).toThrow(/MASTER_URL/);
  });

  it('shares limits through Redis only when REDIS_URL is set, and refuses anything but a redis:// URL', () => {
    expect(loadRobotConfig('carros', {}).REDIS_URL).toBeUndefined();
    expect(loadRobotConfig('carros', {}).REDIS_KEY_PREFIX).toBe('helix:');
    expect(loadRobotConfig('carros', { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    expect(loadRobotConfig('carros', { REDIS_URL: 'redis://cache:6379' }).REDIS_URL).toBe('redis://cache:6379');
    expect(() => loadRobotConfig('carros', { REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadRobotConfig('carros', { REDIS_KEY_PREFIX: 'a b' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('e-mails invites only when SMTP_URL is set, refusing anything but an smtp:// or smtps:// URL', () => {
    expect(loadRobotConfig('carros', {})).toMatchObject({ SMTP_FROM: 'VendeAI <nao-responda@vendeai.com>', SMTP_TIMEOUT_MS: 10_000 });
    expect(loadRobotConfig('carros', {}).SMTP_URL).toBeUndefined();
    expect(loadRobotConfig('carros', { SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadRobotConfig('carros', { SMTP_URL: 'smtps://u:p@mail:465' }).SMTP_URL).toBe('smtps://u:p@mail:465');
    expect(() => loadRobotConfig('carros', { SMTP_URL: 'http://mail:587' })).toThrow(/SMTP_URL/);
    expect(() => loadRobotConfig('carros', { SMTP_TIMEOUT_MS: '0' })).toThrow(/SMTP_TIMEOUT_MS/);
  });

  it('reads the fairness and throttling settings, refusing nonsense', () => {
    const config = loadRobotConfig('carros', {
      DB_MAX_CONNECTIONS_PER_TENANT: '4',
      UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: '10',
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      DB_MAX_CONNECTIONS_PER_TENANT: 4,
      UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: 10,
      UNKNOWN_TENANT_LOOKUPS: 6_000,
      TRUST_PROXY: 1,
    });
    expect(loadRobotConfig('carros', { TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadRobotConfig('carros', {}).TRUST_PROXY).toBe(false);
    expect(() => loadRobotConfig('carros', { DB_MAX_CONNECTIONS_PER_TENANT: '0' })).toThrow(/DB_MAX_CONNECTIONS_PER_TENANT/);
    expect(() => loadRobotConfig('carros', { UNKNOWN_TENANT_LOOKUPS: '-1' })).toThrow(/UNKNOWN_TENANT_LOOKUPS/);
  });

  it('limits store visitors by default, and reads each limit, refusing none at all', () => {
    expect(loadRobotConfig('carros', {})).toMatchObject({
      VISITOR_MESSAGES_PER_MINUTE: 10,
      VISITOR_MESSAGES_BURST: 5,
      VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS: 30,
      VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS: 20,
    });
    expect(loadRobotConfig('carros', { VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS: '100' }).VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS).toBe(100);
    expect(() => loadRobotConfig('carros', { VISITOR_MESSAGES_BURST: '0' })).toThrow(/VISITOR_MESSAGES_BURST/);
  });
});
