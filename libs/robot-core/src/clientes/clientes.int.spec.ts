import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';

const platform = useProdutosRobot();
const api = () => request(platform().robot.url);

describe('clientes finais', () => {
  it('registers a customer under its phone without punctuation, and refuses the same phone again with 409', async () => {
    const created = await api()
      .post('/clientes')
      .set(platform().headers)
      .send({ telefone: '(11) 98888-7777', nome: 'Ana Souza', cpf: '123.456.789-09' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ telefone: '11988887777', nome: 'Ana Souza', cpf: '123.456.789-09', email: null });
    await api().get(`/clientes/${created.body.id}`).set(platform().headers).expect(200, created.body);

    const again = await api().post('/clientes').set(platform().headers).send({ telefone: '11 98888 7777', nome: 'Outra Ana' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CLIENTE_PHONE_TAKEN');
  });

  it('finds customers by part of the name or of the phone, newest first, with the total of the search', async () => {
    for (const [telefone, nome] of [
      ['11970000001', 'Bruno Lima'],
      ['11970000002', 'Bruna Reis'],
      ['21970000003', 'Carlos Lima'],
    ]) {
      await api().post('/clientes').set(platform().headers).send({ telefone, nome }).expect(201);
    }
    const byName = await api().get('/clientes').query({ busca: 'Lima', per_page: 1 }).set(platform().headers).expect(200);
    expect(byName.body.clientes.map((c: { nome: string }) => c.nome)).toEqual(['Carlos Lima']);
    expect(byName.body.paginacao).toEqual({ page: 1, per_page: 1, total: 2 });

    const byPhone = await api().get('/clientes').query({ busca: '1197000000' }).set(platform().headers).expect(200);
    expect(byPhone.body.clientes.map((c: { nome: string }) => c.nome)).toEqual(['Bruna Reis', 'Bruno Lima']);
  });

  it('changes the fields sent, clears one with null, and answers 404 for a customer the tenant does not have', async () => {
    const { body: cliente } = await api()
      .post('/clientes')
      .set(platform().headers)
      .send({ telefone: '11960000000', nome: 'Davi', observacoes: 'Prefere WhatsApp' });
    const changed = await api()
      .patch(`/clientes/${cliente.id}`)
      .set(platform().headers)
      .send({ email: 'davi@example.com', observacoes: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ nome: 'Davi', email: 'davi@example.com', observacoes: null });

    const missing = await api().patch('/clientes/999999').set(platform().headers).send({ nome: 'Ninguém' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CLIENTE_NOT_FOUND');
    await api().get('/clientes/999999').set(platform().headers).expect(404);
  });

  it('refuses an invalid phone, CPF or e-mail, and an empty change, with 400', async () => {
    for (const body of [{ telefone: '123' }, { telefone: '11950000000', cpf: '123' }, { telefone: '11950000000', email: 'sem-arroba' }]) {
      expect((await api().post('/clientes').set(platform().headers).send(body)).status).toBe(400);
    }
    expect((await api().patch('/clientes/1').set(platform().headers).send({})).status).toBe(400);
  });
});
