import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from 'express';
import { RecentRefusals } from './recent-refusals';
import { ThrottleReport } from './throttle-report';

/** A real server asking RecentRefusals first; what it lets through answers 200 ("the app"). */
describe('refusing a flood before the app', () => {
  let now = 1_000;
  let refusals: RecentRefusals;
  let report: ThrottleReport;
  let server: Server;
  let url: string;

  beforeEach(async () => {
    refusals = new RecentRefusals(() => now);
    report = new ThrottleReport();
    const refuse = refusals.refuseEarly(report, 429);
    server = createServer((req, res) => {
      if (!refuse(req, res)) res.end('app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  const as = (tenant: string, method = 'GET', originalUrl = '/veiculos') =>
    ({ headers: { 'x-tenant-key': tenant }, method, originalUrl }) as unknown as Request;
  const get = (path: string, tenant = 'loja_a', method = 'GET') => fetch(`${url}${path}`, { method, headers: { 'x-tenant-key': tenant } });

  it('refuses what admission refused, by tenant, method and first path segment, until its Retry-After', async () => {
    refusals.remember(as('loja_a'), 'loja_a', 'vitrine', 2_500);
    const refused = await get('/veiculos/12?ordem=preco');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/vitrine/), details: { limite: 'vitrine' } },
    });
    // Another tenant, another method, another first segment: the app decides.
    expect(await (await get('/veiculos', 'loja_b')).text()).toBe('app');
    expect(await (await get('/veiculos', 'loja_a', 'POST')).text()).toBe('app');
    expect(await (await get('/clientes')).text()).toBe('app');
    expect(report.totals.get('vitrine')).toBe(1);
  });

  it('once the refusal lapses, lets one request through and holds the others until it is decided', async () => {
    refusals.remember(as('loja_a'), 'loja_a', 'vitrine', 500);
    now += 600;
    expect(await (await get('/veiculos')).text()).toBe('app');
    expect((await get('/veiculos')).status).toBe(429);
    // Decided with room left: the others go on again.
    refusals.remember(as('loja_a'), 'loja_a', 'vitrine', 0);
    expect(await (await get('/veiculos')).text()).toBe('app');
    expect(await (await get('/veiculos')).text()).toBe('app');
  });

  it('lets another through if a decision never comes back', async () => {
    refusals.remember(as('loja_a'), 'loja_a', 'vitrine', 500);
    now += 600;
    expect(await (await get('/veiculos')).text()).toBe('app');
    now += 150;
    expect(await (await get('/veiculos')).text()).toBe('app');
  });
});
