import request from 'supertest';
import { slotInDays } from '../testing/upcoming-slot';
import { startProdutosRobot, type ProdutosPlatform } from '../testing/start-produtos-robot';

let platform: ProdutosPlatform;
let cliente: number;
const api = () => request(platform.robot.url);
const newProduto = async (nome: string) =>
  (await api().post('/produtos').set(platform.headers).send({ nome, preco: 10 }).expect(201)).body.id as number;
const book = (body: object) =>
  api()
    .post('/reservas')
    .set(platform.headers)
    .send({ cliente_id: cliente, tipo: 'visita', ...body });
const slot = (days: number, time?: string) => slotInDays(days, time);
const instant = (date: string) => new Date(date).toISOString();

beforeAll(async () => {
  platform = await startProdutosRobot();
  cliente = (await api().post('/clientes').set(platform.headers).send({ telefone: '11940000001', nome: 'Rita' }).expect(201)).body.id;
});

afterAll(async () => {
  await platform?.close();
});

describe("a vertical's bookings (bookingRoutes)", () => {
  it("books an item for a customer and reads it back under the kind's own names", async () => {
    const produto = await newProduto('Sofá');
    const booked = await book({ produto_id: produto, tipo: 'entrega', data_agendada: slot(3, '14:30'), observacoes: 'Portão azul' });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      cliente_id: cliente,
      produto_id: produto,
      tipo: 'entrega',
      data_agendada: instant(slot(3, '14:30')),
      status: 'pendente',
      observacoes: 'Portão azul',
    });
    await api().get(`/reservas/${booked.body.id}`).set(platform.headers).expect(200, booked.body);
  });

  it('takes each item once per slot (409 SLOT_TAKEN); a cancelled booking frees it; another item may take the same slot', async () => {
    const [mesa, cadeira] = [await newProduto('Mesa'), await newProduto('Cadeira')];
    const first = await book({ produto_id: mesa, data_agendada: slot(4) }).expect(201);
    const taken = await book({ produto_id: mesa, data_agendada: slot(4) });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('SLOT_TAKEN');
    await book({ produto_id: cadeira, data_agendada: slot(4) }).expect(201);

    const moving = await book({ produto_id: mesa, data_agendada: slot(4, '11:00') }).expect(201);
    expect(
      (
        await api()
          .patch(`/reservas/${moving.body.id}`)
          .set(platform.headers)
          .send({ data_agendada: slot(4) })
      ).status,
    ).toBe(409);
    await api().patch(`/reservas/${first.body.id}`).set(platform.headers).send({ status: 'cancelado' }).expect(200);
    const moved = await api()
      .patch(`/reservas/${moving.body.id}`)
      .set(platform.headers)
      .send({ data_agendada: slot(4) })
      .expect(200);
    expect(moved.body).toMatchObject({ data_agendada: instant(slot(4)), status: 'pendente' });
  });

  it('lists by status, customer, item and period, in slot order', async () => {
    const produto = await newProduto('Estante');
    const ids = [];
    for (const day of [10, 8, 9]) ids.push((await book({ produto_id: produto, data_agendada: slot(day) }).expect(201)).body.id);
    await api().patch(`/reservas/${ids[2]}`).set(platform.headers).send({ status: 'confirmado' }).expect(200);
    // The listing's key is the kind's table, as the seed named it.
    const list = async (query: object) =>
      (
        await api()
          .get('/reservas')
          .query({ produto_id: produto, ...query })
          .set(platform.headers)
          .expect(200)
      ).body;
    const idsOf = (body: { agendamentos: { id: number }[] }) => body.agendamentos.map((r) => r.id);

    expect(idsOf(await list({}))).toEqual([ids[1], ids[2], ids[0]]);
    expect(await list({ status: 'confirmado' })).toMatchObject({ agendamentos: [{ id: ids[2] }], paginacao: { total: 1 } });
    expect(idsOf(await list({ de: slot(9), ate: slot(10) }))).toEqual([ids[2]]);
    expect((await list({ cliente_id: cliente })).paginacao.total).toBe(3);
  });

  it('answers 404 for a customer, item or booking the tenant does not have', async () => {
    const produto = await newProduto('Tapete');
    const codes = [
      await book({ cliente_id: 999999, produto_id: produto, data_agendada: slot(6) }),
      await book({ produto_id: 999999, data_agendada: slot(6) }),
      await api().get('/reservas/999999').set(platform.headers),
      await api().patch('/reservas/999999').set(platform.headers).send({ status: 'confirmado' }),
    ].map((response) => [response.status, response.body.error.code]);
    expect(codes).toEqual([
      [404, 'CLIENTE_NOT_FOUND'],
      [404, 'ITEM_NOT_FOUND'],
      [404, 'AGENDAMENTOS_NOT_FOUND'],
      [404, 'AGENDAMENTOS_NOT_FOUND'],
    ]);
  });

  it('refuses with 400 what the kind does not allow: no item when one is required, a tipo it does not offer, a slot off the half hour', async () => {
    const produto = await newProduto('Poltrona');
    for (const body of [
      { data_agendada: slot(7) },
      { produto_id: produto, tipo: 'test_drive', data_agendada: slot(7) },
      { produto_id: produto, data_agendada: slot(7, '10:15') },
    ]) {
      expect((await book(body)).status).toBe(400);
    }
  });
});
