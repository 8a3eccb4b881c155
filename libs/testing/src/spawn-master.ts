import { freePort } from '@helix/db';
import { serviceProcess, type ServiceProcess } from './service-process';
import { dropScope, testMysqlUrl, uniquePrefix } from './test-scope';

/** Each robot's token (the master resolves and meters only its own vertical's tenants for it), and the web service's. */
export const SPAWNED_SERVICE_TOKENS = {
  carros: 'carros-test-service-token',
  imoveis: 'imoveis-test-service-token',
  web: 'web-test-service-token',
} as const;
export const SPAWNED_ADMIN = { email: 'admin@helix.test', password: 'senha-de-teste-123' };

/**
 * The real master-api as its own process (as deployed), on its own databases, for tests of the
 * services that talk to it over HTTP. It can be stopped and started again on the same port and
 * data, to test what robots do while the master is down; `anotherInstance()` starts a second
 * master process on the same databases (a deployment of several instances). `env` is added to
 * every instance's environment (e.g. REDIS_URL, whose keys are prefixed with this master's prefix).
 */
export async function spawnMaster(options: { env?: Record<string, string> } = {}) {
  const prefix = uniquePrefix();
  const mysqlUrl = testMysqlUrl();
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MYSQL_URL: mysqlUrl,
    MASTER_DB: `${prefix}master`,
    TENANT_DB_PREFIX: prefix,
    ADMIN_EMAIL: SPAWNED_ADMIN.email,
    ADMIN_PASSWORD: SPAWNED_ADMIN.password,
    SERVICE_TOKENS: `carros-api=${SPAWNED_SERVICE_TOKENS.carros},imoveis-api=${SPAWNED_SERVICE_TOKENS.imoveis},web=${SPAWNED_SERVICE_TOKENS.web}`,
    REDIS_KEY_PREFIX: `${prefix}:`,
    // Robots a test starts listen on ports of their own: a test that wants them told lists them.
    ROBOT_URLS: '',
    ...options.env,
  };
  const instances: ServiceProcess[] = [];
  const newInstance = async (extraEnv: Record<string, string> = {}) => {
    const port = await freePort();
    const instance = serviceProcess('apps/master-api/src/main.ts', {
      port,
      readyPath: '/ready',
      env: { ...env, ...extraEnv, MASTER_PORT: String(port) },
    });
    instances.push(instance);
    await instance.start();
    return instance;
  };
  const first = await newInstance();
  const url = first.url;
  const adminToken = await adminLogin(url);
  const admin = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    url,
    prefix,
    mysqlUrl,
    masterDb: env.MASTER_DB,
    serviceTokens: SPAWNED_SERVICE_TOKENS,
    admin,
    start: first.start,
    stop: first.stop,
    /** One more master process on the same databases, stopped by close(); `env` adds to (or replaces) the shared environment. */
    anotherInstance: async (env: Record<string, string> = {}): Promise<Pick<ServiceProcess, 'url' | 'stop'>> => newInstance(env),
    async close() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await dropScope(prefix);
    },
  };
}

async function adminLogin(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SPAWNED_ADMIN),
  });
  return ((await response.json()) as { token: string }).token;
}

export type SpawnedMaster = Awaited<ReturnType<typeof spawnMaster>>;
