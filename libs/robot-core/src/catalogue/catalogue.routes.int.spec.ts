import request from 'supertest';
import { slotInDays } from '../testing/upcoming-slot';
import { useProdutosRobot } from '../testing/start-produtos-robot';

const platform = useProdutosRobot();
const api = () => request(platform().robot.url);
const storefront = () => ({ 'X-Tenant-Key': platform().tenant.key });
const create = async (nome: string, preco = 10) =>
  (await api().post('/produtos').set(platform().headers).send({ nome, preco }).expect(201)).body;

describe('a vertical catalogue (catalogueRoutes)', () => {
  it('shows the storefront to any visitor of the tenant, and takes writes only with its API key', async () => {
    const produto = await create('Luminária', 89.9);
    const list = await api().get('/produtos').query({ nome: 'Luminária' }).set(storefront()).expect(200);
    expect(list.body).toEqual({
      success: true,
      tenant: 'Loja loja_produtos',
      produtos: [{ ...produto, fotos: [] }],
      paginacao: { page: 1, per_page: 50, total: 1 },
    });
    await api().get(`/produtos/${produto.id}`).set(storefront()).expect(200, { id: produto.id, nome: 'Luminária', preco: 89.9, fotos: [] });

    for (const write of [
      api().post('/produtos').send({ nome: 'X', preco: 1 }),
      api().patch(`/produtos/${produto.id}`).send({ preco: 1 }),
      api().delete(`/produtos/${produto.id}`),
    ]) {
      expect((await write.set(storefront())).status).toBe(401);
    }
  });

  it("changes and deletes an item, answering 404 with the resource's own code once it is gone", async () => {
    const produto = await create('Abajur', 120);
    const changed = await api().patch(`/produtos/${produto.id}`).set(platform().headers).send({ preco: 99.5 });
    expect(changed.body).toEqual({ id: produto.id, nome: 'Abajur', preco: 99.5, fotos: [] });
    await api().delete(`/produtos/${produto.id}`).set(platform().headers).expect(204);

    for (const response of [
      await api().get(`/produtos/${produto.id}`).set(storefront()),
      await api().patch(`/produtos/${produto.id}`).set(platform().headers).send({ preco: 1 }),
      await api().delete(`/produtos/${produto.id}`).set(platform().headers),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({ code: 'PRODUTO_NOT_FOUND', message: `Produto ${produto.id} não encontrado.` });
    }
  });

  it('pages newest first with the total of the filter, on a full page, on the last one and past the end', async () => {
    const canecas = [];
    for (let i = 1; i <= 5; i++) canecas.push((await create(`Caneca ${i}`)).id);
    await create('Prato');
    const page = async (n: number) =>
      (await api().get('/produtos').query({ nome: 'Caneca', per_page: 2, page: n }).set(storefront()).expect(200)).body;

    expect(await page(1)).toMatchObject({
      produtos: [{ id: canecas[4] }, { id: canecas[3] }],
      paginacao: { page: 1, per_page: 2, total: 5 },
    });
    expect(await page(3)).toMatchObject({ produtos: [{ id: canecas[0] }], paginacao: { total: 5 } });
    expect(await page(4)).toMatchObject({ produtos: [], paginacao: { total: 5 } });
  });

  it('refuses to delete an item that has bookings with 409, and keeps it', async () => {
    const produto = await create('Bicicleta', 1500);
    const { body: cliente } = await api().post('/clientes').set(platform().headers).send({ telefone: '11930000001' }).expect(201);
    await api()
      .post('/reservas')
      .set(platform().headers)
      .send({ cliente_id: cliente.id, produto_id: produto.id, tipo: 'visita', data_agendada: slotInDays(5) })
      .expect(201);

    expect((await api().delete(`/produtos/${produto.id}`).set(platform().headers)).status).toBe(409);
    await api().get(`/produtos/${produto.id}`).set(storefront()).expect(200);
  });

  it('refuses a body the resource does not accept with 400', async () => {
    for (const body of [{ nome: 'Sem preço' }, { nome: 'Centavos', preco: 1.001 }, { nome: 'Extra', preco: 1, cor: 'azul' }]) {
      expect((await api().post('/produtos').set(platform().headers).send(body)).status).toBe(400);
    }
  });
});
