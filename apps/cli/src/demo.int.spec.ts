import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  closeInOrder,
  rootSql,
  SPAWNED_ADMIN,
  spawnMaster,
  spawnRobot,
  testMysqlUrl,
  type SpawnedMaster,
  type SpawnedRobot,
} from '@helix/testing';
import { runCli } from './program';

/** `helix demo --json` against this master and these robot URLs, in-process. */
async function demo(master: SpawnedMaster, robotUrls: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  const env = {
    NODE_ENV: 'test',
    MYSQL_URL: testMysqlUrl(),
    MASTER_DB: master.masterDb,
    TENANT_DB_PREFIX: master.prefix,
    MASTER_PORT: new URL(master.url).port,
    ADMIN_EMAIL: SPAWNED_ADMIN.email,
    ADMIN_PASSWORD: SPAWNED_ADMIN.password,
    ROBOT_URLS: robotUrls,
    ...extraEnv,
  };
  const code = await runCli(['demo', '--json'], { env, stdout, stderr: new PassThrough(), stdinIsTTY: false });
  return { code, body: JSON.parse(out) };
}

const statusOf = async (master: SpawnedMaster, key: string) =>
  (await rootSql<Array<{ status: string }>>(`SELECT status FROM ${master.masterDb}.tenants WHERE tenant_key = ?`, [key]))[0]?.status;

describe('helix demo: the demo stores', () => {
  let master: SpawnedMaster;
  let carros: SpawnedRobot;
  let uploads: string;
  let imoveis: SpawnedRobot;

  beforeAll(async () => {
    master = await spawnMaster();
    uploads = await mkdtemp(path.join(os.tmpdir(), 'helix-demo-uploads-'));
    [carros, imoveis] = await Promise.all([
      spawnRobot(master, 'carros', { UPLOAD_DIR: uploads }),
      spawnRobot(master, 'imoveis', { UPLOAD_DIR: uploads }),
    ]);
  }, 90_000);
  afterAll(async () => {
    await closeInOrder(carros, imoveis, master);
    await rm(uploads, { recursive: true, force: true });
  });

  it('creates both stores once, stocked with photos and an owner who can log in; a second run leaves them alone', async () => {
    const first = await demo(master, `carros-api=${carros.url},imoveis-api=${imoveis.url}`);
    expect(first.code).toBe(0);
    expect(first.body).toMatchObject({ status: 'criadas', existentes: [] });
    expect(first.body.lojas.map((l: { tenant_key: string; itens: number }) => [l.tenant_key, l.itens])).toEqual([
      ['garage_alpha', 12],
      ['horizonte_imoveis', 12],
    ]);

    const cars: any = await (await fetch(`${carros.url}/veiculos?per_page=50`, { headers: { 'X-Tenant-Key': 'garage_alpha' } })).json();
    expect(cars.paginacao.total).toBe(12);
    const photo = cars.veiculos[0].fotos[0].url as string;
    expect(photo).toMatch(/^\/fotos\//);
    const image = await fetch(`${carros.url}${photo}`, { headers: { 'X-Tenant-Key': 'garage_alpha' } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const homes: any = await (
      await fetch(`${imoveis.url}/imoveis?per_page=50`, { headers: { 'X-Tenant-Key': 'horizonte_imoveis' } })
    ).json();
    expect(homes.paginacao.total).toBe(12);

    for (const loja of first.body.lojas) {
      const robot = loja.tenant_key === 'garage_alpha' ? carros : imoveis;
      const login = await fetch(`${robot.url}/equipe/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tenant-Key': loja.tenant_key },
        body: JSON.stringify({ email: loja.dono.email, senha: loja.dono.senha }),
      });
      expect(login.status).toBe(200);
    }

    const again = await demo(master, `carros-api=${carros.url},imoveis-api=${imoveis.url}`);
    expect(again.body).toEqual({ status: 'criadas', lojas: [], existentes: ['garage_alpha', 'horizonte_imoveis'] });
  });

  it('never touches a master that serves other clients, and refuses to run in production', async () => {
    expect((await master.admin('POST', '/tenants', { tenant_key: 'cliente_real', nome: 'Cliente real', robo_tipo: 'carros' })).status).toBe(
      201,
    );
    const run = await demo(master, `carros-api=${carros.url},imoveis-api=${imoveis.url}`);
    expect(run).toEqual({ code: 0, body: { status: 'master_com_clientes' } });

    const production = await demo(master, `carros-api=${carros.url},imoveis-api=${imoveis.url}`, {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-jwt-secret-0123456789',
      TENANT_SECRET_KEY: 'a-production-tenant-secret-0123456789',
      ADMIN_PASSWORD: 'a-production-admin-password',
      SERVICE_TOKENS: 'carros-api=prod-carros-token-1',
    });
    expect(production.code).toBe(2);
    expect(production.body.error.code).toBe('DEMO_IN_PRODUCTION');
  });
});

describe('helix demo when a robot fails in the middle', () => {
  let master: SpawnedMaster;
  let carros: SpawnedRobot;
  let uploads: string;

  beforeAll(async () => {
    master = await spawnMaster();
    uploads = await mkdtemp(path.join(os.tmpdir(), 'helix-demo-uploads-'));
    carros = await spawnRobot(master, 'carros', { UPLOAD_DIR: uploads });
  }, 90_000);
  afterAll(async () => {
    await closeInOrder(carros, master);
    await rm(uploads, { recursive: true, force: true });
  });

  it('keeps the store it finished and removes the one it could not, naming it', async () => {
    // Nothing listens on port 9: the agency is onboarded, then its stock cannot be written.
    const run = await demo(master, `carros-api=${carros.url},imoveis-api=http://127.0.0.1:9`);
    expect(run.code).toBe(1);
    expect(run.body.error.message).toMatch(/horizonte_imoveis desfeita/);
    expect(await statusOf(master, 'garage_alpha')).toBe('active');
    expect(await statusOf(master, 'horizonte_imoveis')).toBe('deleted');
  });
});
