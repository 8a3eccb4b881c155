import { loadMasterConfig } from '@helix/config';
import { createLogger } from '@helix/http';
import { dropScope, testMysqlUrl, uniquePrefix } from '@helix/testing';
import request from 'supertest';
import type { MasterDeps } from '../app';
import { prepareMaster } from '../master-runtime';

export const TEST_ADMIN = { email: 'admin@helix.test', password: 'senha-de-teste-123' };
/** Each robot's token (the master resolves and meters only its own vertical's tenants for it), and the web service's. */
export const TEST_SERVICE_TOKENS = { carros: 'carros-test-token', imoveis: 'imoveis-test-token', web: 'web-test-token' } as const;

/**
 * A real master-api on its own uniquely named databases (master + tenants), against the real
 * MySQL of the test run. `close()` drops everything it created.
 */
export async function startTestMaster(options: { env?: NodeJS.ProcessEnv; overrides?: Partial<MasterDeps>; prefix?: string } = {}) {
  const prefix = options.prefix ?? uniquePrefix();
  const config = loadMasterConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MYSQL_URL: testMysqlUrl(),
    MASTER_DB: `${prefix}master`,
    TENANT_DB_PREFIX: prefix,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    SERVICE_TOKENS: `carros-api=${TEST_SERVICE_TOKENS.carros},imoveis-api=${TEST_SERVICE_TOKENS.imoveis},web=${TEST_SERVICE_TOKENS.web}`,
    ...options.env,
  });
  const master = await prepareMaster(config, createLogger('master-api', 'silent'), options.overrides);
  const http = request(master.app);
  const login = async (email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<string> => {
    const response = await http.post('/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  };
  const adminToken = await login();
  const auth = { Authorization: `Bearer ${adminToken}` };
  return {
    ...master,
    config,
    prefix,
    http,
    login,
    adminToken,
    auth,
    /** Onboards a tenant through POST /tenants as the admin (anything but a 201 fails the test): the answer's body. */
    async createTenant(fields: Record<string, unknown>) {
      return (await http.post('/tenants').set(auth).send(fields).expect(201)).body;
    },
    /** A new read-only admin account (role viewer), logged in: its Authorization header. */
    async createViewer(email = 'leitor@helix.test'): Promise<{ Authorization: string }> {
      const password = 'senha-do-leitor-1';
      await http.post('/usuarios-admin').set(auth).send({ email, nome: 'Leitor', password, role: 'viewer' }).expect(201);
      return { Authorization: `Bearer ${await login(email, password)}` };
    },
    /** Runs SQL as root on the master database (assertions and fixtures only). */
    async sql<T = unknown>(statement: string, params: unknown[] = []): Promise<T> {
      const [rows] = await master.db.query(statement, params);
      return rows as T;
    },
    async close(keepData = false) {
      await master.close();
      if (!keepData) await dropScope(prefix);
    },
  };
}

export type TestMaster = Awaited<ReturnType<typeof startTestMaster>>;
