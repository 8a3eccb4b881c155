import { onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { eventually, spawnMaster, SPAWNED_ADMIN, type SpawnedMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

/**
 * The platform as deployed: two master-api processes on one master database, two carros-api
 * instances (each asking its own master), one MySQL and one Redis. What a tenant is promised must
 * hold whichever instances its requests land on.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let master: SpawnedMaster;
let secondMaster: { url: string };
let robots: TestRobot[];

beforeAll(async () => {
  master = await spawnMaster({ env: { REDIS_URL, TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_EMAIL: '3' } });
  secondMaster = await master.anotherInstance();
  const env = { REDIS_URL };
  robots = [
    await startTestRobot(carrosRobot, master, { env }),
    await startTestRobot(carrosRobot, { ...master, url: secondMaster.url }, { env }),
  ];
}, 60_000);

afterAll(async () => {
  await Promise.all((robots ?? []).map((robot) => robot.close()));
  await master?.close();
});

async function planOf(limits: Record<string, number>): Promise<number> {
  const created = await master.admin('POST', '/planos', {
    nome: `Plano ${Object.values(limits).join('-')}`,
    preco_mensal: 100,
    limite_tokens: 1_000_000,
    limite_mensagens: 1_000,
    ...limits,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });

it('gives a plan of 10 messages at most 10 replies out of 40 concurrent chats split across the robots, and both masters count exactly those', async () => {
  const tenant = await onboardActiveTenant(master, 'loja_dez', 'carros', {
    planoId: await planOf({ limite_mensagens: 10, chat_por_minuto: 6_000, chat_rajada: 100 }),
  });
  const responses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      request(robots[i % 2].url)
        .post('/chat')
        .set(as(tenant))
        .send({ telefone: `1198888${String(i).padStart(4, '0')}`, mensagem: 'Tem Corolla?' }),
    ),
  );
  const replies = responses.filter((r) => r.status === 200);
  expect(replies).toHaveLength(10);
  expect(responses.filter((r) => r.status === 429).map((r) => r.body.error.code)).toEqual(Array(30).fill('QUOTA_EXCEEDED'));
  // Every usage event delivered (the outbox empty), then the count is final: exactly the replies, on either master.
  const outbox = async () =>
    (await tenantSql<{ n: number }[]>(master, 'carros', tenant.key, 'SELECT COUNT(*) AS n FROM _usage_outbox'))[0].n;
  await eventually(async () => (await outbox()) === 0, 10_000, 'the usage outbox shipped');
  for (const url of [master.url, secondMaster.url]) {
    const uso = await request(url)
      .get(`/tenants/${tenant.key}/uso`)
      .set('Authorization', `Bearer ${await login(url)}`);
    expect(uso.body.mensagens_usadas).toBe(replies.length);
  }
});

it("holds a tenant's storefront rate across the robot instances (shared in Redis)", async () => {
  const tenant = await onboardActiveTenant(master, 'loja_rajada', 'carros', {
    planoId: await planOf({ vitrine_por_minuto: 1, vitrine_rajada: 8 }),
  });
  const responses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      request(robots[i % 2].url)
        .get('/veiculos')
        .set('X-Tenant-Key', tenant.key),
    ),
  );
  expect(responses.filter((r) => r.status === 200)).toHaveLength(8);
  expect(responses.filter((r) => r.status === 429)).toHaveLength(22);
});

it('holds the login limit across the master instances', async () => {
  const masters = [master.url, secondMaster.url];
  const attempt = (i: number, password: string) =>
    request(masters[i % 2])
      .post('/auth/login')
      .set('X-Forwarded-For', '192.0.2.10')
      .send({ email: SPAWNED_ADMIN.email, password });
  for (let i = 0; i < 3; i++) expect((await attempt(i, `errada-${i}`)).status).toBe(401);
  for (let i = 0; i < 2; i++) expect((await attempt(i, SPAWNED_ADMIN.password)).status).toBe(429);
  // The same e-mail from another address is not locked out.
  expect((await request(masters[1]).post('/auth/login').set('X-Forwarded-For', '192.0.2.11').send(SPAWNED_ADMIN)).status).toBe(200);
});

async function login(url: string): Promise<string> {
  const response = await request(url).post('/auth/login').set('X-Forwarded-For', '192.0.2.99').send(SPAWNED_ADMIN);
  return response.body.token;
}
