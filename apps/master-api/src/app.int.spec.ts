import path from 'node:path';
import { loadMigrations } from '@helix/db';
import { listDocumentedRoutes, listRegisteredRoutes } from '@helix/http';
import { redoclyProblems } from '@helix/testing';
import { MASTER_SERIES } from './master-runtime';
import { startTestMaster, type TestMaster } from './testing/test-master';

describe('master-api service surface', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster();
  });
  afterAll(() => master.close());

  it('documents in /docs exactly the routes it registers', async () => {
    const document = await master.http.get('/docs').expect(200);
    expect(document.body.openapi).toBe('3.1.0');
    const registered = listRegisteredRoutes(master.app);
    expect(registered).toContain('POST /tenants');
    expect(listDocumentedRoutes(document.body)).toEqual(registered);
  });

  it("passes Redocly's recommended rules with no error: servers, and the credential of every operation stated", async () => {
    const { body } = await master.http.get('/docs');
    expect((await redoclyProblems(body)).filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(body.paths['/auth/login'].post.security).toEqual([]);
    expect(body.paths['/internal/uso'].post.security).toEqual([{ serviceToken: [] }]);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['adminJwt', 'serviceToken']);
  });

  it('documents request bodies and the guard of each admin route', async () => {
    const { body } = await master.http.get('/docs');
    const create = body.paths['/tenants'].post;
    expect(create.security).toEqual([{ adminJwt: [] }]);
    expect(create.requestBody.content['application/json'].schema.properties.tenant_key.pattern).toBe('^[a-z][a-z0-9_]{2,39}$');
    expect(body.paths['/tenants/{key}'].get.parameters).toEqual([expect.objectContaining({ name: 'key', in: 'path', required: true })]);
  });

  it('serves liveness, readiness and Prometheus metrics', async () => {
    await master.http.get('/health').expect(200, { status: 'ok' });
    await master.http.get('/ready').expect(200, { status: 'ready' });
    const metrics = await master.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/route="\/ready",status="200"/);
  });

  it('sets security headers and no x-powered-by', async () => {
    const response = await master.http.get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('tells caches to store none of its answers: tokens, API keys and tenant data, refusals included', async () => {
    await master.createTenant({ tenant_key: 'loja_cache', nome: 'Cache', robo_tipo: 'carros' });
    for (const response of [
      await master.http.post('/auth/login').send({ email: 'admin@helix.test', password: 'senha-de-teste-123' }),
      await master.http.get('/tenants').set(master.auth),
      await master.http.post('/tenants/loja_cache/api-keys').set(master.auth),
      await master.http.get('/tenants'),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('starts again on an existing master database without duplicating plans or admins', async () => {
    const again = await startTestMaster({ prefix: master.prefix });
    try {
      expect(await again.sql<unknown[]>('SELECT id FROM planos')).toHaveLength(3);
      expect(await again.sql<unknown[]>('SELECT id FROM usuarios_admin')).toHaveLength(1);
      const migrations = await loadMigrations(path.resolve(__dirname, '../../../infra/master/migrations'), MASTER_SERIES);
      expect(await again.sql<unknown[]>('SELECT version FROM _schema_migrations')).toHaveLength(migrations.length);
    } finally {
      await again.close(true);
    }
  });
});
