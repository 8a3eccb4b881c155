import { onboardActiveTenant, slotInDays, startTestRobot, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { bindableTenant } from '@helix/tenant-context';
import { closeInOrder, type SpawnedMaster, spawnMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

let master: SpawnedMaster;
let robot: TestRobot;
let alpha: OnboardedTenant;
let beta: OnboardedTenant;

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const slot = (day: number) => slotInDays(day);

/** Beta gets more of everything than alpha, so beta's extra ids exist only in beta's database. */
async function seed(tenant: OnboardedTenant, count: number, marca: string) {
  for (let i = 1; i <= count; i++) {
    const car = await request(robot.url)
      .post('/veiculos')
      .set(as(tenant))
      .send({ marca, modelo: `Modelo ${i}`, ano: 2020, preco: 50000 });
    await request(robot.url)
      .post(`/veiculos/${car.body.id}/fotos`)
      .set(as(tenant))
      .send({ url: `https://cdn.example.com/${marca}/${i}.jpg` });
    const cliente = await request(robot.url)
      .post('/clientes')
      .set(as(tenant))
      .send({ telefone: `1190000000${i}`, nome: `${marca} cliente ${i}` });
    await request(robot.url)
      .post('/chat')
      .set(as(tenant))
      .send({ telefone: `1190000000${i}`, mensagem: 'Olá' });
    await request(robot.url)
      .post('/agendamentos')
      .set(as(tenant))
      .send({ cliente_id: cliente.body.id, veiculo_id: car.body.id, tipo: 'test_drive', data_agendada: slot(i) });
  }
}

beforeAll(async () => {
  master = await spawnMaster();
  robot = await startTestRobot(carrosRobot, master);
  alpha = await onboardActiveTenant(master, 'iso_alpha', 'carros');
  beta = await onboardActiveTenant(master, 'iso_beta', 'carros');
  await seed(alpha, 1, 'AlphaMotors');
  await seed(beta, 3, 'BetaCars');
}, 90_000);

afterAll(() => closeInOrder(robot, master));

describe('tenant isolation', () => {
  it('gives every tenant its own ids: the same id means each tenant’s own record', async () => {
    const a = await request(robot.url).get('/veiculos/1').set('X-Tenant-Key', alpha.key);
    const b = await request(robot.url).get('/veiculos/1').set('X-Tenant-Key', beta.key);
    expect(a.body.marca).toBe('AlphaMotors');
    expect(b.body.marca).toBe('BetaCars');
    const list = await request(robot.url).get('/veiculos').query({ status: 'todos' }).set('X-Tenant-Key', alpha.key);
    expect(list.body.veiculos.map((v: { marca: string }) => v.marca)).toEqual(['AlphaMotors']);
    const clientes = await request(robot.url).get('/clientes').set(as(alpha));
    expect(JSON.stringify(clientes.body)).not.toContain('BetaCars');
  });

  // Ids 2 and 3 exist only in beta's database: through alpha, every endpoint must answer 404.
  const foreignIds = [2, 3];
  const routes: [string, (id: number) => request.Test][] = [
    ['GET /veiculos/:id', (id) => request(robot.url).get(`/veiculos/${id}`).set(as(alpha))],
    ['PATCH /veiculos/:id', (id) => request(robot.url).patch(`/veiculos/${id}`).set(as(alpha)).send({ preco: 1 })],
    ['DELETE /veiculos/:id', (id) => request(robot.url).delete(`/veiculos/${id}`).set(as(alpha))],
    [
      'POST /veiculos/:id/fotos',
      (id) => request(robot.url).post(`/veiculos/${id}/fotos`).set(as(alpha)).send({ url: 'https://x.example.com/a.jpg' }),
    ],
    ['DELETE /veiculos/:id/fotos/:fotoId', (id) => request(robot.url).delete(`/veiculos/1/fotos/${id}`).set(as(alpha))],
    ['GET /clientes/:id', (id) => request(robot.url).get(`/clientes/${id}`).set(as(alpha))],
    ['PATCH /clientes/:id', (id) => request(robot.url).patch(`/clientes/${id}`).set(as(alpha)).send({ nome: 'Invasor' })],
    ['GET /conversas/:id', (id) => request(robot.url).get(`/conversas/${id}`).set(as(alpha))],
    ['PATCH /conversas/:id', (id) => request(robot.url).patch(`/conversas/${id}`).set(as(alpha)).send({ status: 'perdido' })],
    ['GET /agendamentos/:id', (id) => request(robot.url).get(`/agendamentos/${id}`).set(as(alpha))],
    ['PATCH /agendamentos/:id', (id) => request(robot.url).patch(`/agendamentos/${id}`).set(as(alpha)).send({ status: 'cancelado' })],
    [
      'POST /agendamentos (cliente of beta)',
      (id) =>
        request(robot.url)
          .post('/agendamentos')
          .set(as(alpha))
          .send({ cliente_id: id, tipo: 'visita', data_agendada: slot(20) }),
    ],
    [
      'POST /agendamentos (veículo of beta)',
      (id) =>
        request(robot.url)
          .post('/agendamentos')
          .set(as(alpha))
          .send({ cliente_id: 1, veiculo_id: id, tipo: 'visita', data_agendada: slot(21) }),
    ],
  ];

  it.each(routes)('%s with the other tenant’s ids → 404, never its data', async (_name, call) => {
    for (const id of foreignIds) {
      const response = await call(id);
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain('BetaCars');
    }
  });

  it('left the other tenant’s records untouched', async () => {
    const cars = await request(robot.url).get('/veiculos').query({ status: 'todos' }).set('X-Tenant-Key', beta.key);
    expect(cars.body.veiculos).toHaveLength(3);
    expect(cars.body.veiculos.every((v: { preco: number; fotos: unknown[] }) => v.preco === 50000 && v.fotos.length === 1)).toBe(true);
    const agendamentos = await request(robot.url).get('/agendamentos').set(as(beta));
    expect(agendamentos.body.agendamentos.map((a: { status: string }) => a.status)).toEqual(['pendente', 'pendente', 'pendente']);
  });

  it('has MySQL refuse a handle bound to one tenant on another tenant’s tables', async () => {
    const alphaTenant = bindableTenant(await robot.runtime.resolver.resolve({ key: alpha.key }));
    const betaDatabase = (await robot.runtime.resolver.resolve({ key: beta.key })).database.name;
    await expect(
      robot.runtime.connections.withTenant(alphaTenant, (db) => db.query(`SELECT * FROM \`${betaDatabase}\`.cars`)),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^ER_(TABLEACCESS|DBACCESS)_DENIED_ERROR$/),
    });
    await expect(robot.runtime.connections.withTenant(alphaTenant, (db) => db.query(`USE \`${betaDatabase}\``))).rejects.toMatchObject({
      code: 'ER_DBACCESS_DENIED_ERROR',
    });
  });
});
