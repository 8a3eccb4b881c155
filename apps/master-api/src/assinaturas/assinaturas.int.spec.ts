import { TEST_ADMIN, startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const service = { Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` };
const NOW = new Date('2026-12-15T12:00:00-03:00');

describe('subscriptions without Mercado Pago credentials', () => {
  let master: TestMaster;
  let viewer: { Authorization: string };
  const resolve = async (key = 'garage_alpha') =>
    (await master.http.get('/internal/tenants/resolve').query({ key }).set(service).expect(200)).body;

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => NOW } });
    viewer = await master.createViewer();
  });
  afterAll(() => master.close());

  it('onboards with a pending subscription and says, in Portuguese, that the checkout was skipped', async () => {
    const created = await master.createTenant({ tenant_key: 'garage_alpha', nome: 'Feirão', robo_tipo: 'carros', plano_id: 1 });
    expect(created.assinatura).toMatchObject({
      plano_id: 1,
      status: 'pending',
      checkout_url: null,
      checkout: { status: 'skipped', mensagem: expect.stringContaining('Mercado Pago não configurado') },
    });
    expect((await resolve()).assinatura).toMatchObject({ status: 'pending', ativa: false, plano: { id: 1 } });
  });

  it('lets an admin activate by hand, and a plan change takes effect on the limits at once', async () => {
    const [first] = (await master.http.get('/tenants/garage_alpha/assinaturas').set(viewer).expect(200)).body.data;
    await master.http.patch(`/assinaturas/${first.id}`).set(master.auth).send({ status: 'active', motivo: 'pago por PIX' }).expect(200);
    expect((await resolve()).assinatura).toMatchObject({ status: 'active', ativa: true, plano: { id: 1, limite_mensagens: 1000 } });

    const upgrade = await master.http.post('/tenants/garage_alpha/assinaturas').set(master.auth).send({ plano_id: 3 }).expect(201);
    expect(upgrade.body).toMatchObject({
      assinatura: { status: 'pending', plano: { id: 3 } },
      checkout_url: null,
      checkout: { status: 'skipped' },
    });
    // Until the new one is paid, the current plan keeps serving.
    expect((await resolve()).assinatura).toMatchObject({ ativa: true, plano: { id: 1 } });

    await master.http.patch(`/assinaturas/${upgrade.body.assinatura.id}`).set(master.auth).send({ status: 'active' }).expect(200);
    expect((await resolve()).assinatura).toMatchObject({
      status: 'active',
      ativa: true,
      plano: { id: 3, nome: 'Empresarial', limite_mensagens: 20_000 },
    });

    const old = await master.http.get(`/assinaturas/${first.id}`).set(viewer).expect(200);
    expect(old.body).toMatchObject({ status: 'cancelled', ativa: false });
    expect(old.body.historico).toEqual([
      expect.objectContaining({ de: null, para: 'pending', origem: 'sistema', autor: 'onboarding' }),
      expect.objectContaining({ de: 'pending', para: 'active', origem: 'admin', autor: TEST_ADMIN.email, motivo: 'pago por PIX' }),
      expect.objectContaining({
        de: 'active',
        para: 'cancelled',
        origem: 'admin',
        motivo: `substituída pela assinatura ${upgrade.body.assinatura.id}`,
      }),
    ]);
  });

  it('stops serving when an admin cancels, or when data_fim passes, with no job', async () => {
    const [current] = (await master.http.get('/tenants/garage_alpha/assinaturas').set(viewer).expect(200)).body.data;
    const limited = await master.http
      .patch(`/assinaturas/${current.id}`)
      .set(master.auth)
      .send({ status: 'active', data_fim: '2026-12-15T11:00:00-03:00' })
      .expect(200);
    expect(limited.body).toMatchObject({ status: 'expired', ativa: false, data_fim: '2026-12-15T14:00:00.000Z' });
    expect((await resolve()).assinatura).toMatchObject({ status: 'expired', ativa: false });

    const renewed = await master.http
      .patch(`/assinaturas/${current.id}`)
      .set(master.auth)
      .send({ status: 'active', data_fim: '2027-01-15T00:00:00-03:00' })
      .expect(200);
    expect(renewed.body).toMatchObject({ status: 'active', ativa: true });

    await master.http.patch(`/assinaturas/${current.id}`).set(master.auth).send({ status: 'cancelled' }).expect(200);
    expect((await resolve()).assinatura).toMatchObject({ status: 'cancelled', ativa: false });
    const again = await master.http.patch(`/assinaturas/${current.id}`).set(master.auth).send({ status: 'active' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('activates competing subscriptions of one tenant at the same time without an error: one stays active, the others are replaced', async () => {
    await master.createTenant({ tenant_key: 'garage_race', nome: 'Corrida', robo_tipo: 'carros' });
    for (let round = 0; round < 5; round++) {
      const pending = await Promise.all(
        [1, 2, 3].map((plano_id) => master.http.post('/tenants/garage_race/assinaturas').set(master.auth).send({ plano_id })),
      );
      // InnoDB picks deadlock victims among these (each cancels the one it replaces): they run again.
      const answers = await Promise.all(
        pending.map((p) => master.http.patch(`/assinaturas/${p.body.assinatura.id}`).set(master.auth).send({ status: 'active' })),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      const active = await master.sql<unknown[]>(
        "SELECT a.id FROM assinaturas a JOIN tenants t ON t.id = a.tenant_id WHERE t.tenant_key = 'garage_race' AND a.status = 'active'",
      );
      expect(active).toHaveLength(1);
    }
  });

  it('leaves writes to admins and answers 404 for unknown tenants, plans and subscriptions', async () => {
    await master.http.post('/tenants/garage_alpha/assinaturas').set(viewer).send({ plano_id: 1 }).expect(403);
    await master.http.patch('/assinaturas/1').set(viewer).send({ status: 'cancelled' }).expect(403);
    await master.http.post('/tenants/garage_alpha/assinaturas').send({ plano_id: 1 }).expect(401);
    await master.http.post('/tenants/nao_existe/assinaturas').set(master.auth).send({ plano_id: 1 }).expect(404);
    expect(
      (await master.http.post('/tenants/garage_alpha/assinaturas').set(master.auth).send({ plano_id: 999 }).expect(422)).body.error.code,
    ).toBe('PLANO_NOT_FOUND');
    await master.http.get('/assinaturas/99999').set(viewer).expect(404);
    await master.http.patch('/assinaturas/99999').set(master.auth).send({ status: 'active' }).expect(404);
  });

  it.each([
    ['status not allowed by hand', { status: 'past_due' }],
    ['unknown status', { status: 'ativa' }],
    ['malformed data_fim', { status: 'active', data_fim: 'amanhã' }],
    ['data_fim without time zone', { status: 'active', data_fim: '2027-01-01T00:00:00' }],
    ['control characters in motivo', { status: 'cancelled', motivo: 'ok\u0000' }],
    ['unknown field', { status: 'active', plano_id: 3 }],
    ['empty body', {}],
  ])('refuses a PATCH with %s (400 JSON)', async (_label, body) => {
    const response = await master.http.patch('/assinaturas/1').set(master.auth).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    '0001-01-01T00:00:00Z',
    '0050-06-01T10:00:00Z',
    '0099-12-31T23:59:59Z',
    '1999-12-31T23:59:59-03:00',
    '2101-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('refuses data_fim %s with 400 naming the years allowed', async (data_fim) => {
    const response = await master.http.patch('/assinaturas/1').set(master.auth).send({ status: 'active', data_fim });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ campo: 'body.data_fim', problema: 'use um ano entre 2000 e 2100' }],
    });
  });

  it('refuses a data_fim with a fraction of a second, which its column would round', async () => {
    const response = await master.http
      .patch('/assinaturas/1')
      .set(master.auth)
      .send({ status: 'active', data_fim: '2027-01-15T00:00:00.500Z' });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ campo: 'body.data_fim', problema: 'use segundos inteiros, sem frações' }]);
  });

  describe('a data_fim accepted', () => {
    let id: number;
    const read = async () => (await master.http.get(`/assinaturas/${id}`).set(viewer).expect(200)).body;

    beforeAll(async () => {
      await master.createTenant({ tenant_key: 'garage_datas', nome: 'Datas', robo_tipo: 'carros', plano_id: 1 });
      [{ id }] = (await master.http.get('/tenants/garage_datas/assinaturas').set(viewer).expect(200)).body.data;
    });

    it('reads back the instant written, at both ends of 2000–2100, stored as UTC', async () => {
      const last = await master.http
        .patch(`/assinaturas/${id}`)
        .set(master.auth)
        .send({ status: 'active', data_fim: '2100-12-31T23:59:59-03:00' })
        .expect(200);
      expect(last.body).toMatchObject({ status: 'active', ativa: true, data_fim: '2101-01-01T02:59:59.000Z' });
      const first = await master.http
        .patch(`/assinaturas/${id}`)
        .set(master.auth)
        .send({ status: 'active', data_fim: '2000-01-01T00:00:00.000Z' })
        .expect(200);
      expect(first.body).toMatchObject({ status: 'expired', data_fim: '2000-01-01T00:00:00.000Z' });
      expect((await read()).data_fim).toBe('2000-01-01T00:00:00.000Z');
      const [stored] = await master.sql<{ utc: string }[]>(
        "SELECT DATE_FORMAT(data_fim, '%Y-%m-%d %H:%i:%s') AS utc FROM assinaturas WHERE id = ?",
        [id],
      );
      expect(stored.utc).toBe('2000-01-01 00:00:00');
    });

    it('reads a data_fim stored before the bounds, in year 0001, as 0001 (mysql2 alone reads 1901)', async () => {
      await master.sql("UPDATE assinaturas SET data_fim = '0001-01-01 00:00:00' WHERE id = ?", [id]);
      expect((await read()).data_fim).toBe('0001-01-01T00:00:00.000Z');
    });
  });

  it.each([
    ['plano_id as text', { plano_id: '3' }],
    ['malformed e-mail', { plano_id: 3, email_pagador: 'não é e-mail' }],
    ['unknown field', { plano_id: 3, preco: 1 }],
  ])('refuses a POST with %s (400 JSON)', async (_label, body) => {
    const response = await master.http.post('/tenants/garage_alpha/assinaturas').set(master.auth).send(body);
    expect(response.status).toBe(400);
  });

  it('refuses malformed subscription ids and refuses webhooks while no secret is configured', async () => {
    for (const id of ['abc', '0', '-1', "1' OR 1=1"]) {
      expect((await master.http.get(`/assinaturas/${encodeURIComponent(id)}`).set(viewer)).status).toBe(400);
    }
    const webhook = await master.http.post('/webhooks/mercadopago?data.id=123&type=subscription_preapproval').send({});
    expect(webhook.status).toBe(503);
    expect(webhook.body.error.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });
});
