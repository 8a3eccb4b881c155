import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { z } from 'zod';
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
    timeouts: { headersMs: 300, requestMs: 600, keepAliveMs: 300 },
    routes: [
      defineRoute({ method: 'get', path: '/itens/:id', tag: 'T', summary: 'um item', handle: () => ({ ok: true }) }),
      defineRoute({
        method: 'post',
        path: '/itens',
        tag: 'T',
        summary: 'cria',
        body: z.object({ nome: z.string() }),
        handle: ({ body }) => body,
      }),
    ],
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
      for (const header of [
        'x-powered-by',
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-xss-protection',
      ]) {
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

  describe('a slow or idle client on a real connection', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = await new Promise<Server>((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    /** What the server sends on a raw connection, and how long until it closes it. */
    const exchange = (write: (socket: Socket) => void) =>
      new Promise<{ answer: string; closedAfterMs: number }>((resolve) => {
        const started = Date.now();
        let answer = '';
        const socket = connect(port, '127.0.0.1', () => write(socket));
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
      });

    it('answers 408 and closes when the headers do not all arrive in time', async () => {
      const { answer, closedAfterMs } = await exchange((socket) => socket.write('GET /health HTTP/1.1\r\nHost: x\r\n'));
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(closedAfterMs).toBeLessThan(3_000);
    });

    it('answers 408 and closes when the body does not all arrive in time', async () => {
      const { answer, closedAfterMs } = await exchange((socket) =>
        socket.write('POST /itens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"nome":'),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(closedAfterMs).toBeLessThan(3_000);
    });

    it('closes an idle keep-alive connection after its answer', async () => {
      const { answer, closedAfterMs } = await exchange((socket) => socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(closedAfterMs).toBeGreaterThanOrEqual(250);
      expect(closedAfterMs).toBeLessThan(3_000);
    });
  });
});
