import request from 'supertest';
import { createHttpApp } from './create-http-app';
import { createLogger } from './logger';
import { defineRoute } from './routes';

describe('createHttpApp', () => {
  const app = createHttpApp({
    service: 'teste',
    version: '0.0.0',
    logger: createLogger('teste', 'silent'),
    bodyLimit: '1kb',
    readiness: async () => undefined,
    routes: [defineRoute({ method: 'get', path: '/itens/:id', tag: 'T', summary: 'um item', handle: () => ({ ok: true }) })],
  });

  it('sends the security headers of a JSON API on every answer, errors included, and none meant for HTML pages', async () => {
    for (const path of ['/health', '/nao-existe']) {
      const response = await request(app).get(path);
      expect(response.headers).toMatchObject({
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
      });
      for (const header of ['x-powered-by', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-xss-protection']) {
        expect(response.headers).not.toHaveProperty(header);
      }
    }
  });

  it('times every answered request in /metrics by route pattern and status, not by concrete path', async () => {
    await request(app).get('/itens/1').expect(200);
    await request(app).get('/itens/2').expect(200);
    await request(app).get('/nao-existe').expect(404);
    const metrics = (await request(app).get('/metrics')).text;
    expect(metrics).toContain('http_request_duration_seconds_count{service="teste",method="GET",route="/itens/:id",status="200"} 2');
    expect(metrics).toMatch(/http_request_duration_seconds_count\{service="teste",method="GET",route="unmatched",status="404"\} [1-9]/);
  });
});
