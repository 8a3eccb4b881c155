import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeterministicResponder, type AiProvider, type AiRequest } from '@helix/robot-core';
import { masterSql, onboardActiveTenant, startTestRobot, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { eventually, spawnMaster, type SpawnedMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

const TTL_MS = 400;
let master: SpawnedMaster;
let robot: TestRobot;
let logDir: string;
let aiCalls = 0;

/** The real offline responder, counting how often the robot asks it. */
const countingAi: AiProvider = {
  name: 'counting',
  tokenUpperBound: (request: AiRequest) => new DeterministicResponder().tokenUpperBound(request),
  reply(request: AiRequest) {
    aiCalls++;
    return new DeterministicResponder().reply(request);
  },
};

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const chat = (tenant: OnboardedTenant) =>
  request(robot.url).post('/chat').set(as(tenant)).send({ telefone: '11999990000', mensagem: 'Tem SUV?' });

beforeAll(async () => {
  master = await spawnMaster();
  logDir = mkdtempSync(path.join(tmpdir(), 'helix-tenant-logs-'));
  robot = await startTestRobot(carrosRobot, master, {
    ai: countingAi,
    env: { TENANT_CACHE_TTL_MS: String(TTL_MS), LOG_PER_TENANT_DIR: logDir, LOG_LEVEL: 'info' },
  });
}, 60_000);

afterAll(async () => {
  await robot?.close();
  await master?.close();
  rmSync(logDir, { recursive: true, force: true });
});

describe('who gets served', () => {
  it('finds the tenant by header, by subdomain (- for _) and by custom domain', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_host', 'carros', { dominio: 'www.garagehost.com.br' });
    for (const headers of [
      { 'X-Tenant-Key': 'garage_host' },
      { Host: 'garage-host.vendeai.com' },
      { Host: 'garage-host.localhost:3001' },
      { Host: 'www.garagehost.com.br' },
    ]) {
      const response = await request(robot.url).get('/veiculos').set(headers);
      expect(response.status).toBe(200);
      expect(response.body.tenant).toBe(`Loja ${tenant.key}`);
    }
  });

  it('answers an unknown tenant with 404 TENANT_NOT_FOUND in Portuguese', async () => {
    const response = await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'nao_existe');
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({ code: 'TENANT_NOT_FOUND', message: "Cliente 'nao_existe' não encontrado" });
  });

  it('does not serve a tenant of the other vertical', async () => {
    await onboardActiveTenant(master, 'imob_vizinha', 'imoveis');
    const response = await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'imob_vizinha');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('TENANT_NOT_FOUND');
  });

  const hostile: [string, Record<string, string>][] = [
    ['SQL in the key', { 'X-Tenant-Key': "x'; DROP DATABASE helix_master; --" }],
    ['a backtick key', { 'X-Tenant-Key': 'abc`def' }],
    ['a very long key', { 'X-Tenant-Key': 'a'.repeat(5_000) }],
    ['a unicode key', { 'X-Tenant-Key': 'garagé_alpha' }],
    ['an empty key', { 'X-Tenant-Key': '' }],
    ['an IPv4 host', { Host: '10.0.0.1:3001' }],
    ['an IPv6 host', { Host: '[::1]:3001' }],
    ['SQL in the host', { Host: "a' OR '1'='1.vendeai.com" }],
    ['a unicode host', { Host: 'gáragé.vendeai.com' }],
    ['a very long host', { Host: `${'a'.repeat(300)}.vendeai.com` }],
    ['a nested subdomain', { Host: 'a.b.vendeai.com' }],
    ['the bare base domain', { Host: 'vendeai.com' }],
  ];
  it.each(hostile)('answers %s with a 4xx JSON error, never a 500', async (_name, headers) => {
    const response = await request(robot.url).get('/veiculos').set(headers);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error.code).toEqual(expect.any(String));
  });

  it('asks for the API key on everything but the catalogue', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_keys', 'carros');
    expect((await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key)).status).toBe(200);
    const missing = await request(robot.url).get('/clientes').set('X-Tenant-Key', tenant.key);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('API_KEY_REQUIRED');
    const wrong = await request(robot.url)
      .post('/chat')
      .set({ 'X-Tenant-Key': tenant.key, Authorization: 'Bearer hx_not-the-right-key-at-all' })
      .send({});
    expect(wrong.status).toBe(403);
  });

  it('stops serving a suspended tenant within the cache TTL', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_susp', 'carros');
    expect((await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key)).status).toBe(200);
    expect((await master.admin('PATCH', `/tenants/${tenant.key}`, { status: 'suspended' })).status).toBe(200);
    const elapsed = await eventually(
      async () => (await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key)).status === 403,
      TTL_MS + 1_000,
    );
    expect(elapsed).toBeLessThanOrEqual(TTL_MS + 500);
    const response = await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key);
    expect(response.body.error).toEqual({ code: 'SUBSCRIPTION_INACTIVE', message: 'Assinatura inativa. Entre em contato com o suporte.' });
  });

  it('stops serving a tenant whose subscription has passed its end date, with no job running', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_venc', 'carros');
    await masterSql(
      master,
      'UPDATE assinaturas SET data_fim = NOW() - INTERVAL 1 MINUTE WHERE tenant_id = (SELECT id FROM tenants WHERE tenant_key = ?)',
      [tenant.key],
    );
    await eventually(
      async () => (await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key)).status === 403,
      TTL_MS + 1_000,
    );
  });
});

describe('quota gate', () => {
  it('answers 429 QUOTA_EXCEEDED without asking the AI once the month’s messages are used up, and serves again after a plan upgrade', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_quota', 'carros');
    expect((await chat(tenant)).status).toBe(200);
    const [plano] = await masterSql<{ limite_mensagens: number }[]>(master, 'SELECT limite_mensagens FROM planos WHERE id = 1');
    const { mes } = (await robot.runtime.resolver.resolve({ key: tenant.key })).uso;
    await masterSql(
      master,
      `INSERT INTO uso_tokens (tenant_id, mes, mensagens_usadas, tokens_usados) SELECT id, ?, ?, 0 FROM tenants WHERE tenant_key = ?
         ON DUPLICATE KEY UPDATE mensagens_usadas = VALUES(mensagens_usadas)`,
      [mes, plano.limite_mensagens, tenant.key],
    );
    robot.runtime.resolver.markOutdated(tenant.key);
    const callsBefore = aiCalls;
    const response = await chat(tenant);
    expect(response.status).toBe(429);
    expect(response.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(response.body.error.message).toMatch(/Limite mensal/);
    expect(aiCalls).toBe(callsBefore);

    // An upgrade to a bigger plan serves the tenant again, without a restart, within the TTL.
    const upgrade = await master.admin('POST', `/tenants/${tenant.key}/assinaturas`, { plano_id: 2 });
    expect(upgrade.status).toBe(201);
    expect(
      (await master.admin('PATCH', `/assinaturas/${upgrade.body.assinatura.id}`, { status: 'active', motivo: 'upgrade pago por PIX' }))
        .status,
    ).toBe(200);
    await eventually(async () => (await chat(tenant)).status === 200, TTL_MS + 1_000);
    expect(aiCalls).toBe(callsBefore + 1);
  });
});

describe('logging', () => {
  it('writes each tenant’s request lines to its own file when LOG_PER_TENANT_DIR is set', async () => {
    const a = await onboardActiveTenant(master, 'garage_log_a', 'carros');
    const b = await onboardActiveTenant(master, 'garage_log_b', 'carros');
    await request(robot.url).get('/veiculos').set('X-Tenant-Key', a.key);
    await request(robot.url).get('/veiculos?marca=Fiat').set('X-Tenant-Key', b.key);
    await eventually(async () => {
      try {
        return readFileSync(path.join(logDir, 'tenant_garage_log_b.log'), 'utf8').includes('marca=Fiat');
      } catch {
        return false;
      }
    }, 2_000);
    const aLines = readFileSync(path.join(logDir, 'tenant_garage_log_a.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(aLines.length).toBeGreaterThan(0);
    expect(aLines.every((line) => line.tenant_key === 'garage_log_a')).toBe(true);
  });

  it('names the tenant on the lines of requests refused after it was resolved (403 inactive subscription)', async () => {
    const created = await master.admin('POST', '/tenants', {
      tenant_key: 'garage_log_c',
      nome: 'Loja C',
      robo_tipo: 'carros',
      plano_id: 1,
    });
    expect(created.status).toBe(201); // its subscription stays pending
    await request(robot.url).get('/veiculos?marca=Pendente').set('X-Tenant-Key', 'garage_log_c').expect(403);
    const file = path.join(logDir, 'tenant_garage_log_c.log');
    await eventually(async () => {
      try {
        return readFileSync(file, 'utf8').includes('marca=Pendente');
      } catch {
        return false;
      }
    }, 2_000);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ tenant_key: 'garage_log_c', res: { status: 403 } }));
  });
});
