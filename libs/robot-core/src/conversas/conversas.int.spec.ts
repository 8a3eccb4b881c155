import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';

const platform = useProdutosRobot();
const api = () => request(platform().robot.url);
/** A customer's message through the AI seller: how conversations come to be. */
const chat = async (telefone: string, mensagem = 'Oi') =>
  (await api().post('/chat').set(platform().headers).send({ telefone, mensagem }).expect(200)).body.conversa_id as number;
const setStatus = (id: number, status: string) => api().patch(`/conversas/${id}`).set(platform().headers).send({ status });

describe('conversas', () => {
  it('lists the conversations with the latest exchange first, filtered by status and by customer', async () => {
    const older = await chat('11920000001');
    const newer = await chat('11920000002');
    await setStatus(older, 'negociando').expect(200);

    const all = await api().get('/conversas').set(platform().headers).expect(200);
    expect(all.body.conversas.map((c: { id: number }) => c.id).slice(0, 2)).toEqual([newer, older]);
    const negociando = await api().get('/conversas').query({ status: 'negociando' }).set(platform().headers).expect(200);
    expect(negociando.body.conversas.map((c: { id: number }) => c.id)).toEqual([older]);
    const { body: cliente } = await api().get(`/conversas/${newer}`).set(platform().headers).expect(200);
    const byCustomer = await api().get('/conversas').query({ cliente_id: cliente.cliente_id }).set(platform().headers).expect(200);
    expect(byCustomer.body).toMatchObject({ conversas: [{ id: newer, status: 'em_andamento' }], paginacao: { total: 1 } });
  });

  it("reopens a closed conversation only when the customer's other one is over (409 CONVERSA_ALREADY_OPEN before)", async () => {
    const first = await chat('11920000003');
    await setStatus(first, 'fechado').expect(200);
    const second = await chat('11920000003', 'Voltei');
    expect(second).not.toBe(first);

    const refused = await setStatus(first, 'em_andamento');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONVERSA_ALREADY_OPEN');
    await setStatus(second, 'perdido').expect(200);
    const reopened = await setStatus(first, 'em_andamento');
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id: first, status: 'em_andamento' });
  });

  it('answers 404 CONVERSA_NOT_FOUND for a conversation the tenant does not have, and 400 for an unknown status', async () => {
    for (const response of [await api().get('/conversas/999999').set(platform().headers), await setStatus(999999, 'fechado')]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('CONVERSA_NOT_FOUND');
    }
    expect((await setStatus(await chat('11920000004'), 'arquivado')).status).toBe(400);
  });
});
