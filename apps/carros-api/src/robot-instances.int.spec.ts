import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, parseMysqlUrl, startPrivateServer, type PrivateServer } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import {
  createUnthrottledPlan,
  onboardActiveTenant,
  startTestRobot,
  tenantSql,
  type OnboardedTenant,
  type TestRobot,
} from '@helix/robot-core/testing';
import { moveTenant, type OpsContext } from '@helix/tenant-ops';
import { opsContextFor } from '@helix/tenant-ops/testing';
import { closeInOrder, eventually, rootSql, spawnMaster, spawnRobot, type SpawnedMaster, type SpawnedRobot } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

/**
 * Several instances of the carros robot, and one of the real-estate robot, all listed in the
 * master's and the operator's ROBOT_URLS (as `npm start` and compose list them). With a ten-minute
 * tenant cache, only a notice reaching every instance explains a change holding everywhere at once.
 */
const LONG_CACHE = { TENANT_CACHE_TTL_MS: '600000' };
let master: SpawnedMaster;
let carros: TestRobot[];
let imoveis: SpawnedRobot;
let second: PrivateServer;
let secondDir: string;
let ops: OpsContext;
let robotUrls: string;

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const ports = [await freePort(), await freePort(), await freePort()];
  robotUrls = [
    `carros-api=http://127.0.0.1:${ports[0]}`,
    `carros-api=http://127.0.0.1:${ports[1]}`,
    `imoveis-api=http://127.0.0.1:${ports[2]}`,
  ].join(',');
  master = await spawnMaster({ env: { ROBOT_URLS: robotUrls } });
  carros = [
    await startTestRobot(carrosRobot, master, { env: LONG_CACHE, port: ports[0] }),
    await startTestRobot(carrosRobot, master, { env: LONG_CACHE, port: ports[1] }),
  ];
  imoveis = await spawnRobot(master, 'imoveis', LONG_CACHE, { port: ports[2] });
  secondDir = await mkdtemp(path.join(os.tmpdir(), 'helix-instances-'));
  second = await startPrivateServer(path.join(secondDir, 'server'));
  ops = await opsContextFor(master, robotUrls);
}, 120_000);

afterAll(async () => {
  await ops?.close();
  await closeInOrder(...(carros ?? []), imoveis, master);
  await second?.stop();
  if (secondDir) await rm(secondDir, { recursive: true, force: true });
});

/** Reads (catalogue and own-role) and writes of `tenant` through every carros instance in turn, until stopped. */
function keepUsing(tenant: OnboardedTenant, phonePrefix: string) {
  const answers: { kind: 'leitura' | 'escrita'; status: number; code?: string; retryAfter?: string; telefone?: string }[] = [];
  let running = true;
  let n = 0;
  const worker = async (kind: 'catalogo' | 'clientes' | 'escrita', instance: number) => {
    for (let i = instance; running; i++) {
      const url = carros[i % carros.length].url;
      if (kind === 'escrita') {
        const telefone = `${phonePrefix}${String(n++).padStart(6, '0')}`;
        const response = await request(url).post('/clientes').set(as(tenant)).send({ telefone });
        answers.push({
          kind: 'escrita',
          status: response.status,
          code: response.body?.error?.code,
          retryAfter: response.headers['retry-after'],
          telefone,
        });
        await sleep(5);
      } else {
        const response =
          kind === 'catalogo'
            ? await request(url).get('/veiculos').set('X-Tenant-Key', tenant.key)
            : await request(url).get('/clientes').set(as(tenant));
        answers.push({ kind: 'leitura', status: response.status, code: response.body?.error?.code });
      }
    }
  };
  const workers = [worker('catalogo', 0), worker('catalogo', 1), worker('clientes', 0), worker('clientes', 1), worker('escrita', 0)];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return answers;
    },
  };
}

it('moves a tenant of 10,000 cars asking only the carros instances: no read fails on either, writes get 201 or 503 + Retry-After', async () => {
  const planoId = await createUnthrottledPlan(master);
  const moving = await onboardActiveTenant(master, 'garage_grande', 'carros', { planoId });
  const staying = await onboardActiveTenant(master, 'garage_vizinha', 'carros', { planoId });
  await tenantSql(
    master,
    'carros',
    moving.key,
    "INSERT INTO cars (brand, model, year, price) SELECT 'Toyota', CONCAT('Corolla ', seq), 2000 + seq % 25, 90000 + seq FROM seq_1_to_10000",
  );
  const movingLoad = keepUsing(moving, '1196');
  const stayingLoad = keepUsing(staying, '1195');
  await sleep(300);

  // The imoveis instance would answer 404 for a car dealership: it is not asked.
  const report = await moveTenant(ops, moving.key, { to: parseMysqlUrl(second.url) });
  await sleep(300);
  const movingAnswers = await movingLoad.stop();
  const stayingAnswers = await stayingLoad.stop();

  expect(report).toMatchObject({ robos: 2, copia_antiga_removida: true, avisos: [] });
  const reads = movingAnswers.filter((a) => a.kind === 'leitura');
  expect(reads.length).toBeGreaterThan(50);
  expect(reads.filter((a) => a.status !== 200)).toEqual([]);
  const writes = movingAnswers.filter((a) => a.kind === 'escrita');
  expect(writes.filter((a) => a.status !== 201 && !(a.status === 503 && a.code === 'TENANT_WRITES_FROZEN' && a.retryAfter))).toEqual([]);
  expect(stayingAnswers.filter((a) => a.status !== 200 && a.status !== 201)).toEqual([]);

  // Every acknowledged write is on the new server, and the cars with it.
  const database = tenantDatabaseName(master.prefix, 'carros', moving.key);
  const onNew = await rootSql<{ phone: string }[]>(`SELECT phone FROM \`${database}\`.customers`, [], undefined, second.url);
  expect(new Set(onNew.map((row) => row.phone))).toEqual(new Set(writes.filter((a) => a.status === 201).map((a) => a.telefone)));
  const [cars] = await rootSql<{ n: number }[]>(`SELECT COUNT(*) AS n FROM \`${database}\`.cars`, [], undefined, second.url);
  expect(Number(cars.n)).toBe(10_000);
}, 120_000);

it('a suspension, a reactivation and a cancelled subscription hold on every instance at once, despite their ten-minute cache', async () => {
  const tenant = await onboardActiveTenant(master, 'garage_suspensa', 'carros');
  const statuses = () => Promise.all(carros.map(async (robot) => (await request(robot.url).get('/clientes').set(as(tenant))).status));
  expect(await statuses()).toEqual([200, 200]);

  expect((await master.admin('PATCH', `/tenants/${tenant.key}`, { status: 'suspended' })).status).toBe(200);
  await eventually(async () => (await statuses()).every((status) => status === 403), 5_000, 'suspension on every instance');

  expect((await master.admin('PATCH', `/tenants/${tenant.key}`, { status: 'active' })).status).toBe(200);
  await eventually(async () => (await statuses()).every((status) => status === 200), 5_000, 'reactivation on every instance');

  // A subscription cancelled by an admin: the same notice, from the subscriptions' side.
  const assinaturas = await master.admin('GET', `/tenants/${tenant.key}/assinaturas`);
  const ativa = assinaturas.body.data.find((a: { status: string }) => a.status === 'active');
  expect((await master.admin('PATCH', `/assinaturas/${ativa.id}`, { status: 'cancelled', motivo: 'teste' })).status).toBe(200);
  await eventually(async () => (await statuses()).every((status) => status === 403), 5_000, 'cancellation on every instance');
}, 60_000);

it('a rotated API key stops opening the tenant on every instance at once', async () => {
  const tenant = await onboardActiveTenant(master, 'garage_chave', 'carros');
  const answers = (apiKey: string) =>
    Promise.all(
      carros.map(async (robot) => {
        const response = await request(robot.url)
          .get('/clientes')
          .set({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${apiKey}` });
        return response.body?.error?.code ?? response.status;
      }),
    );
  expect(await answers(tenant.apiKey)).toEqual([200, 200]);

  const rotated = await master.admin('POST', `/tenants/${tenant.key}/api-keys`);
  expect(rotated.status).toBe(201);
  await eventually(
    async () => (await answers(tenant.apiKey)).every((answer) => answer === 'API_KEY_FORBIDDEN'),
    5_000,
    'old key refused everywhere',
  );
  expect(await answers(rotated.body.api_key)).toEqual([200, 200]);
}, 60_000);
