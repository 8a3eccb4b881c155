import { onboardActiveTenant, startTestRobot, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { closeInOrder, type SpawnedMaster, spawnMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

let master: SpawnedMaster;
let robot: TestRobot;
let noisy: OnboardedTenant;
/** On the same tight plan, for the back-office test alone (so the other tests do not spend its allowance). */
let writer: OnboardedTenant;
let quiet: OnboardedTenant;

/** A plan whose storefront allows 5 requests at once, its back office 3, and one a minute after that (no refill during a test). */
const TIGHT_RATES = {
  vitrine_por_minuto: 1,
  vitrine_rajada: 5,
  gestao_por_minuto: 1,
  gestao_rajada: 3,
  chat_por_minuto: 1,
  chat_rajada: 2,
};

/** Lookups the master answered, by outcome, read from its own /metrics. */
async function masterLookups(): Promise<Record<string, number>> {
  const text = await (await fetch(`${master.url}/metrics`)).text();
  return Object.fromEntries(
    [...text.matchAll(/^helix_resolve_lookups_total\{result="(\w+)"[^}]*\} (\d+)/gm)].map(([, result, n]) => [result, Number(n)]),
  );
}

beforeAll(async () => {
  master = await spawnMaster({ env: { TRUST_PROXY: 'true' } });
  const plano = await master.admin('POST', '/planos', {
    nome: 'Apertado',
    preco_mensal: 100,
    limite_mensagens: 1000,
    limite_tokens: 1_000_000,
    ...TIGHT_RATES,
  });
  expect(plano.status).toBe(201);
  robot = await startTestRobot(carrosRobot, master, {
    env: { TRUST_PROXY: 'true', UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: '20', UNKNOWN_TENANT_LOOKUPS: '60' },
  });
  noisy = await onboardActiveTenant(master, 'loja_barulhenta', 'carros', { planoId: plano.body.id });
  writer = await onboardActiveTenant(master, 'loja_escritora', 'carros', { planoId: plano.body.id });
  quiet = await onboardActiveTenant(master, 'loja_quieta', 'carros');
}, 60_000);

afterAll(() => closeInOrder(robot, master));

describe("a tenant over its plan's request rate", () => {
  it('gets 429 RATE_LIMITED with Retry-After past its burst, while a quiet tenant is served', async () => {
    const [flood, calm] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => request(robot.url).get('/veiculos').set('X-Tenant-Key', noisy.key))),
      Promise.all(Array.from({ length: 10 }, () => request(robot.url).get('/veiculos').set('X-Tenant-Key', quiet.key))),
    ]);
    expect(flood.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = flood.filter((r) => r.status === 429);
    expect(refused).toHaveLength(25);
    expect(refused[0].body.error).toMatchObject({ code: 'RATE_LIMITED', details: { limite: 'vitrine' } });
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(calm.map((r) => r.status)).toEqual(Array(10).fill(200));

    // The rest of the flood is refused first thing, before routing (a malformed id is not even
    // validated), with the same answer; another kind of request of the same tenant still goes through.
    const early = await request(robot.url).get('/veiculos/nao-e-um-id').set('X-Tenant-Key', noisy.key);
    expect(early.status).toBe(429);
    expect(early.body).toEqual(refused[0].body);
    expect(early.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(
      (
        await request(robot.url)
          .get('/clientes')
          .set({ 'X-Tenant-Key': noisy.key, Authorization: `Bearer ${noisy.apiKey}` })
      ).status,
    ).toBe(200);
  });

  it('is refused before its body is read or a database connection is taken', async () => {
    // Served once first, so the usage shipper's look at a newly seen tenant's outbox is done before counting.
    await request(robot.url).get('/veiculos').set('X-Tenant-Key', writer.key).expect(200);
    await robot.runtime.shipper.flush();
    const checkoutsBefore = robot.runtime.connections.stats().reduce((sum, s) => sum + s.checkouts, 0);
    const as = { 'X-Tenant-Key': writer.key, Authorization: `Bearer ${writer.apiKey}`, 'Content-Type': 'application/json' };
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await request(robot.url).post('/clientes').set(as).send('{"telefone": não é JSON')).status);
    // The first 3 (the back office's burst) reach the body parser and are refused as bad JSON; the rest never do.
    expect(statuses).toEqual([400, 400, 400, 429, 429, 429]);
    expect(robot.runtime.connections.stats().reduce((sum, s) => sum + s.checkouts, 0)).toBe(checkoutsBefore);
  });

  it('counts refusals in /metrics by reason, with no series per tenant', async () => {
    const text = await (await fetch(`${robot.url}/metrics`)).text();
    const vitrine = /^helix_requests_throttled_total\{reason="vitrine"[^}]*\} (\d+)/m.exec(text);
    expect(Number(vitrine?.[1])).toBeGreaterThanOrEqual(25);
    expect(text).not.toContain(noisy.key);
  });
});

describe('lookups of unknown tenants', () => {
  const randomName = () => Math.random().toString(36).slice(2, 12);

  it('cost the master a bounded number of lookups, whatever the number of random keys and hosts sent', async () => {
    const before = await masterLookups();
    const responses = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        request(robot.url)
          .get('/veiculos')
          .set('X-Forwarded-For', '203.0.113.7')
          .set(i % 2 ? { 'X-Tenant-Key': `x${randomName()}` } : { Host: `loja-${randomName()}.com.br` }),
      ),
    );
    const after = await masterLookups();
    // The address's burst (10 of 20 a minute) reached the master; the rest were refused here.
    expect((after.not_found ?? 0) - (before.not_found ?? 0)).toBeLessThanOrEqual(11);
    expect(responses.filter((r) => r.status === 404).length).toBeLessThanOrEqual(11);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(389);
    expect(refused[0].body.error.details).toEqual({ limite: 'cliente_desconhecido' });
  });

  it('from many addresses are bounded overall, and known tenants are still served', async () => {
    const before = await masterLookups();
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        request(robot.url)
          .get('/veiculos')
          .set('X-Forwarded-For', `198.51.100.${i % 250}`)
          .set('X-Tenant-Key', `y${randomName()}`),
      ),
    );
    const after = await masterLookups();
    expect((after.not_found ?? 0) - (before.not_found ?? 0)).toBeLessThanOrEqual(31);
    expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(269);
    expect((await request(robot.url).get('/veiculos').set('X-Tenant-Key', quiet.key)).status).toBe(200);
  });

  it('refuses names no tenant can have without asking the master', async () => {
    const before = await masterLookups();
    const reserved = await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'admin');
    const singleLabel = await request(robot.url).get('/veiculos').set('Host', 'intranet');
    expect([reserved.status, singleLabel.status]).toEqual([404, 400]);
    expect(await masterLookups()).toEqual(before);
  });
});
