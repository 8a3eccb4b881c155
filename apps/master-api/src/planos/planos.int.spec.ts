import { DEFAULT_REQUEST_RATES } from '@helix/contracts';
import { DEFAULT_PLANOS } from './planos.repository';
import { startTestMaster, type TestMaster } from '../testing/test-master';

describe('/planos', () => {
  let master: TestMaster;
  let viewer: { Authorization: string };

  beforeAll(async () => {
    master = await startTestMaster();
    viewer = await master.createViewer();
  });
  afterAll(() => master.close());

  const plano = { nome: 'Rede', preco_mensal: 299_900, limite_mensagens: 100_000, limite_tokens: 50_000_000 };

  it('lists the three seeded plans, cheapest first, to viewers', async () => {
    const response = await master.http.get('/planos').set(viewer).expect(200);
    expect(response.body.data.map((p: { nome: string }) => p.nome)).toEqual(DEFAULT_PLANOS.map((p) => p.nome));
    expect(response.body.data[0]).toMatchObject({ id: 1, preco_mensal: 19_700, limite_tokens: 500_000, ativo: true });
  });

  it('lets admins create, read and edit plans; viewers only read', async () => {
    await master.http.post('/planos').set(viewer).send(plano).expect(403);
    const created = await master.http.post('/planos').set(master.auth).send(plano).expect(201);
    expect(created.body).toMatchObject({ ...plano, ativo: true });
    await master.http.post('/planos').set(master.auth).send(plano).expect(409);

    const edited = await master.http.patch(`/planos/${created.body.id}`).set(master.auth).send({ limite_tokens: 60_000_000 }).expect(200);
    expect(edited.body.limite_tokens).toBe(60_000_000);
    await master.http.get(`/planos/${created.body.id}`).set(viewer).expect(200);
    await master.http.patch('/planos/1').set(master.auth).send({ nome: 'Profissional' }).expect(409);
    await master.http.get('/planos/9999').set(viewer).expect(404);
  });

  it("states each kind of request's rate (per minute and burst), the defaults unless given, and edits them", async () => {
    const defaults = await master.http
      .post('/planos')
      .set(master.auth)
      .send({ ...plano, nome: 'Padrão' })
      .expect(201);
    expect(defaults.body).toMatchObject({
      vitrine_por_minuto: DEFAULT_REQUEST_RATES.vitrine.por_minuto,
      vitrine_rajada: DEFAULT_REQUEST_RATES.vitrine.rajada,
      gestao_por_minuto: DEFAULT_REQUEST_RATES.gestao.por_minuto,
      chat_rajada: DEFAULT_REQUEST_RATES.chat.rajada,
    });
    const own = await master.http
      .post('/planos')
      .set(master.auth)
      .send({ ...plano, nome: 'Vitrine lenta', vitrine_por_minuto: 30, vitrine_rajada: 5 })
      .expect(201);
    expect(own.body).toMatchObject({ vitrine_por_minuto: 30, vitrine_rajada: 5, chat_por_minuto: DEFAULT_REQUEST_RATES.chat.por_minuto });
    const edited = await master.http
      .patch(`/planos/${own.body.id}`)
      .set(master.auth)
      .send({ chat_por_minuto: 10, chat_rajada: 2 })
      .expect(200);
    expect(edited.body).toMatchObject({ vitrine_por_minuto: 30, chat_por_minuto: 10, chat_rajada: 2 });
  });

  it('deletes an unused plan, but answers 409 for a plan in use, which can only be deactivated', async () => {
    const unused = await master.http
      .post('/planos')
      .set(master.auth)
      .send({ ...plano, nome: 'Descartável' })
      .expect(201);
    await master.http.delete(`/planos/${unused.body.id}`).set(master.auth).expect(204);
    await master.http.get(`/planos/${unused.body.id}`).set(master.auth).expect(404);

    await master.createTenant({ tenant_key: 'garage_alpha', nome: 'Feirão', robo_tipo: 'carros', plano_id: 2 });
    const inUse = await master.http.delete('/planos/2').set(master.auth).expect(409);
    expect(inUse.body.error.code).toBe('PLANO_IN_USE');

    await master.http.patch('/planos/2').set(master.auth).send({ ativo: false }).expect(200);
    const active = await master.http.get('/planos').query({ ativo: 'true' }).set(viewer).expect(200);
    expect(active.body.data.map((p: { id: number }) => p.id)).not.toContain(2);
    const refused = await master.http
      .post('/tenants')
      .set(master.auth)
      .send({ tenant_key: 'garage_beta', nome: 'Beta', robo_tipo: 'carros', plano_id: 2 });
    expect(refused.status).toBe(422);
  });

  it.each([
    ['negative price', { ...plano, preco_mensal: -1 }],
    ['fractional price', { ...plano, preco_mensal: 19.9 }],
    ['price as text', { ...plano, preco_mensal: '100' }],
    ['control characters in the name', { ...plano, nome: 'Plano\u0000X' }],
    ['unknown field', { ...plano, id: 1 }],
    ['absurd token limit', { ...plano, limite_tokens: 1e18 }],
    ['a rate of zero (suspend the tenant instead)', { ...plano, vitrine_por_minuto: 0 }],
    ['a burst as text', { ...plano, chat_rajada: '10' }],
    ['a fractional rate', { ...plano, gestao_por_minuto: 1.5 }],
    ['empty patch', {}],
  ])('refuses %s with a 4xx JSON error', async (_label, body) => {
    const response = await master.http
      .post('/planos')
      .set(master.auth)
      .send(body as object);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses malformed plan ids', async () => {
    for (const id of ['abc', '-1', '1.5', "1' OR 1=1", '99999999999']) {
      const response = await master.http.get(`/planos/${encodeURIComponent(id)}`).set(master.auth);
      expect(response.status).toBe(400);
    }
    await master.http.patch('/planos/1').set(master.auth).send({}).expect(400);
  });
});
