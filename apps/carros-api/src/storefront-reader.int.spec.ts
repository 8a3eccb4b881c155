import { quoteIdentifier } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { masterSql, onboardActiveTenant, startTestRobot, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { rootSql, spawnMaster, type SpawnedMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

let master: SpawnedMaster;
/** One connection: every storefront read of every tenant goes through the same session. */
let robot: TestRobot;
/** The same robot with CATALOGUE_READER=off: public reads under each tenant's role. */
let withoutReader: TestRobot;
const tenants: Record<'alpha' | 'beta' | 'gamma' | 'delta', OnboardedTenant> = {} as never;

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const storefront = (target: TestRobot, tenant: OnboardedTenant, path = '/veiculos') =>
  request(target.url).get(path).set('X-Tenant-Key', tenant.key);
const reader = () => `${master.prefix}rd_carros`;
const revokeReader = (tenant: OnboardedTenant, table: string) =>
  rootSql(
    `REVOKE SELECT ON ${quoteIdentifier(tenantDatabaseName(master.prefix, 'carros', tenant.key))}.${quoteIdentifier(table)} FROM ${quoteIdentifier(reader())}`,
  );

beforeAll(async () => {
  master = await spawnMaster();
  robot = await startTestRobot(carrosRobot, master, { env: { DB_MAX_CONNECTIONS: '1' } });
  withoutReader = await startTestRobot(carrosRobot, master, { env: { CATALOGUE_READER: 'off' } });
  for (const name of ['alpha', 'beta', 'gamma', 'delta'] as const) {
    const tenant = (tenants[name] = await onboardActiveTenant(master, `vitrine_${name}`, 'carros'));
    for (let i = 1; i <= (name === 'beta' ? 2 : 1); i++) {
      const car = await request(robot.url)
        .post('/veiculos')
        .set(as(tenant))
        .send({ marca: `Marca ${name}`, modelo: `Modelo ${i}`, ano: 2022, preco: 90000 });
      await request(robot.url)
        .post(`/veiculos/${car.body.id}/fotos`)
        .set(as(tenant))
        .send({ url: `https://cdn.example.com/${name}/${i}.jpg` });
    }
    await request(robot.url)
      .post('/clientes')
      .set(as(tenant))
      .send({ telefone: '11900000001', nome: `Cliente ${name}` });
  }
}, 90_000);

afterAll(async () => {
  await robot?.close();
  await withoutReader?.close();
  await master?.close();
});

describe('storefront reads under the catalogue reader', () => {
  it("are served under the vertical's reader the master names, each tenant seeing only its own cars and photos", async () => {
    const resolution = await robot.runtime.resolver.resolve({ key: tenants.alpha.key });
    expect(resolution.database.catalogue_reader).toEqual({ role: reader() });
    // Interleaved on the one connection, which keeps the reader from one tenant's read to the next: none may return another's rows.
    for (let round = 0; round < 5; round++) {
      for (const name of ['alpha', 'beta', 'gamma'] as const) {
        const list = await storefront(robot, tenants[name]);
        expect(list.status).toBe(200);
        expect(list.body.veiculos.map((v: { marca: string; fotos: { url: string }[] }) => [v.marca, v.fotos.map((f) => f.url)])).toEqual(
          (name === 'beta' ? [2, 1] : [1]).map((i) => [`Marca ${name}`, [`https://cdn.example.com/${name}/${i}.jpg`]]),
        );
        const one = await storefront(robot, tenants[name], '/veiculos/1');
        expect([one.status, one.body.marca]).toEqual([200, `Marca ${name}`]);
      }
    }
    expect(await storefront(robot, tenants.alpha, '/veiculos/2')).toMatchObject({ status: 404 });
  });

  it("refuses with 503 and Retry-After a storefront read the reader is not granted, while the tenant's back office and the other tenants go on", async () => {
    await revokeReader(tenants.gamma, 'car_images');
    const refused = await storefront(robot, tenants.gamma);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('TENANT_DB_LOGIN_FAILED');
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.stringify(refused.body)).not.toMatch(/Marca (alpha|beta|gamma)/);
    // Backed off: refused at once, without a connection.
    const checkouts = robot.runtime.connections.stats()[0].checkouts;
    expect((await storefront(robot, tenants.gamma, '/veiculos/1')).status).toBe(503);
    expect(robot.runtime.connections.stats()[0].checkouts).toBe(checkouts);

    expect((await request(robot.url).get('/clientes').set(as(tenants.gamma))).body.clientes).toEqual([
      expect.objectContaining({ nome: 'Cliente gamma' }),
    ]);
    expect((await request(robot.url).patch('/veiculos/1').set(as(tenants.gamma)).send({ preco: 85000 })).body).toMatchObject({
      preco: 85000,
      fotos: [expect.anything()],
    });
    expect((await storefront(robot, tenants.alpha)).status).toBe(200);
    expect((await storefront(withoutReader, tenants.gamma)).body.veiculos).toEqual([
      expect.objectContaining({ marca: 'Marca gamma', preco: 85000 }),
    ]);
  });

  it('falls back to the tenant’s role for a tenant the master does not name the reader for (grants not yet repaired)', async () => {
    await revokeReader(tenants.delta, 'cars');
    await masterSql(master, 'UPDATE tenants SET leitor_vitrine = 0 WHERE tenant_key = ?', [tenants.delta.key]);
    const resolution = await robot.runtime.resolver.refresh(tenants.delta.key);
    expect(resolution.database.catalogue_reader).toBeUndefined();
    const list = await storefront(robot, tenants.delta);
    expect([list.status, list.body.veiculos.map((v: { marca: string }) => v.marca)]).toEqual([200, ['Marca delta']]);
  });

  it("reads nothing but storefronts through the reader: the back office works with the reader's role gone from the gateway", async () => {
    await rootSql(`REVOKE ${quoteIdentifier(reader())} FROM ${quoteIdentifier(`${master.prefix}gw_carros`)}@'%'`);
    const robotFresh = await startTestRobot(carrosRobot, master, { env: { DB_MAX_CONNECTIONS: '1' } });
    try {
      const list = await storefront(robotFresh, tenants.beta);
      expect([list.status, list.body.error?.code]).toEqual([503, 'TENANT_DB_LOGIN_FAILED']);
      for (const path of ['/clientes', '/conversas', '/agendamentos'])
        expect((await request(robotFresh.url).get(path).set(as(tenants.beta))).status).toBe(200);
      const created = await request(robotFresh.url)
        .post('/veiculos')
        .set(as(tenants.beta))
        .send({ marca: 'Marca beta', modelo: 'Novo', ano: 2024, preco: 1 });
      expect(created.status).toBe(201);
    } finally {
      await robotFresh.close();
    }
  });
});
