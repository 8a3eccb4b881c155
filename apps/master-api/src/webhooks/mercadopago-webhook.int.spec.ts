import { randomUUID } from 'node:crypto';
import { signNotification, startFakeMercadoPago } from '../testing/fake-mercadopago';
import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const ACCESS_TOKEN = 'TEST-access-token-123';
const SECRET = 'segredo-do-webhook-de-teste';
const NOW = new Date('2026-12-15T12:00:00-03:00');
const nowTs = Math.floor(NOW.getTime() / 1000);

describe('Mercado Pago: checkout and webhook against a local Mercado Pago', () => {
  let master: TestMaster;
  let mp: Awaited<ReturnType<typeof startFakeMercadoPago>>;
  const resolve = async () =>
    (
      await master.http
        .get('/internal/tenants/resolve')
        .query({ key: 'garage_alpha' })
        .set({ Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` })
        .expect(200)
    ).body;
  const subscription = async (id: number) => (await master.http.get(`/assinaturas/${id}`).set(master.auth).expect(200)).body;

  /** Delivers a notification the way Mercado Pago does: query string, signed headers, JSON body. */
  const notify = (
    dataId: string,
    options: { requestId?: string; ts?: number; secret?: string; body?: object; queryId?: string; type?: string } = {},
  ) => {
    const headers = signNotification({
      secret: options.secret ?? SECRET,
      dataId,
      requestId: options.requestId ?? randomUUID(),
      ts: options.ts ?? nowTs,
    });
    const type = options.type ?? 'subscription_preapproval';
    return master.http
      .post(`/webhooks/mercadopago?data.id=${encodeURIComponent(options.queryId ?? dataId)}&type=${type}`)
      .set(headers)
      .send(options.body ?? { action: 'updated', type, data: { id: dataId }, date_created: NOW.toISOString() });
  };

  beforeAll(async () => {
    mp = await startFakeMercadoPago(ACCESS_TOKEN);
    master = await startTestMaster({
      overrides: { clock: () => NOW },
      env: { MERCADOPAGO_ACCESS_TOKEN: ACCESS_TOKEN, MERCADOPAGO_WEBHOOK_SECRET: SECRET, MERCADOPAGO_BASE_URL: mp.url },
    });
  });
  afterAll(async () => {
    await master.close();
    await mp.close();
  });

  let first: { id: number; preapproval: string };

  it('opens a Mercado Pago subscription at onboarding and returns its init_point as checkout_url', async () => {
    const { assinatura } = await master.createTenant({
      tenant_key: 'garage_alpha',
      nome: 'Feirão ShowCar',
      robo_tipo: 'carros',
      plano_id: 1,
      email_pagador: 'Dono@Feirao.com.br',
    });
    expect(assinatura).toMatchObject({
      status: 'pending',
      checkout: { status: 'created' },
      checkout_url: expect.stringMatching(/^https:\/\/www\.mercadopago\.com\.br\/subscriptions\/checkout\?preapproval_id=/),
    });
    const [preapproval] = [...mp.preapprovals.values()];
    expect(preapproval).toMatchObject({
      payer_email: 'dono@feirao.com.br',
      external_reference: `assinatura:${assinatura.id}`,
      auto_recurring: { frequency: 1, frequency_type: 'months', transaction_amount: 197, currency_id: 'BRL' },
    });
    expect(mp.requests.at(-1)).toMatchObject({ method: 'POST', path: '/preapproval', idempotencyKey: `helix-assinatura-${assinatura.id}` });
    first = { id: assinatura.id, preapproval: preapproval.id };
  });

  it('needs the payer e-mail to open a checkout for a new subscription', async () => {
    const response = await master.http.post('/tenants/garage_alpha/assinaturas').set(master.auth).send({ plano_id: 2 });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('EMAIL_PAGADOR_REQUIRED');
  });

  it('refuses a wrong secret, a tampered data.id, a stale or future timestamp and missing headers with 401', async () => {
    mp.setStatus(first.preapproval, 'authorized');
    const cases = [
      await notify(first.preapproval, { secret: 'outro-segredo' }),
      await notify(first.preapproval, { queryId: 'a'.repeat(32) }),
      await notify(first.preapproval, { ts: nowTs - 301 }),
      await notify(first.preapproval, { ts: nowTs + 301 }),
      await master.http.post(`/webhooks/mercadopago?data.id=${first.preapproval}&type=subscription_preapproval`).send({}),
      await master.http
        .post(`/webhooks/mercadopago?data.id=${first.preapproval}&type=subscription_preapproval`)
        .set({ 'x-signature': 'ts=1,v1=zz', 'x-request-id': 'r' })
        .send({}),
    ];
    expect(cases.map((r) => [r.status, r.body.error?.code])).toEqual([
      [401, 'INVALID_SIGNATURE'],
      [401, 'INVALID_SIGNATURE'],
      [401, 'SIGNATURE_EXPIRED'],
      [401, 'SIGNATURE_EXPIRED'],
      [401, 'INVALID_SIGNATURE'],
      [401, 'INVALID_SIGNATURE'],
    ]);
    expect((await subscription(first.id)).status).toBe('pending');
  });

  it('trusts Mercado Pago’s API, not the body: a tampered body changes nothing', async () => {
    mp.setStatus(first.preapproval, 'pending');
    const response = await notify(first.preapproval, {
      body: { type: 'subscription_preapproval', data: { id: first.preapproval, status: 'authorized' }, status: 'authorized' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'sem_mudanca' });
    expect((await subscription(first.id)).status).toBe('pending');
  });

  it('applies a valid notification once: replays and later deliveries of the same state change nothing', async () => {
    mp.setStatus(first.preapproval, 'authorized');
    const requestId = randomUUID();
    const deliveries = await Promise.all([
      notify(first.preapproval, { requestId }),
      notify(first.preapproval, { requestId }),
      notify(first.preapproval, { requestId }),
    ]);
    expect(deliveries.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(deliveries.map((r) => r.body.status).sort()).toEqual(['aplicada', 'duplicada', 'duplicada']);
    expect((await notify(first.preapproval, { requestId })).body).toEqual({ status: 'duplicada' });
    expect((await notify(first.preapproval)).body).toEqual({ status: 'sem_mudanca' });

    const view = await subscription(first.id);
    expect(view).toMatchObject({ status: 'active', ativa: true, data_inicio: NOW.toISOString() });
    const activations = view.historico.filter((h: { para: string }) => h.para === 'active');
    expect(activations).toEqual([
      expect.objectContaining({
        de: 'pending',
        origem: 'mercadopago',
        autor: `mercadopago:${requestId}`,
        motivo: 'preapproval authorized',
      }),
    ]);
    expect((await resolve()).assinatura).toMatchObject({ status: 'active', ativa: true, plano: { id: 1 } });
  });

  it('follows a paused and a resumed payment', async () => {
    mp.setStatus(first.preapproval, 'paused');
    expect((await notify(first.preapproval)).body).toEqual({ status: 'aplicada' });
    expect((await resolve()).assinatura).toMatchObject({ status: 'past_due', ativa: false });
    mp.setStatus(first.preapproval, 'authorized');
    expect((await notify(first.preapproval)).body).toEqual({ status: 'aplicada' });
    expect((await resolve()).assinatura).toMatchObject({ status: 'active', ativa: true });
  });

  it('answers 502 while Mercado Pago is down, recording nothing, and applies the retry', async () => {
    mp.setStatus(first.preapproval, 'paused');
    const requestId = randomUUID();
    mp.failNext(1);
    const down = await notify(first.preapproval, { requestId });
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('MERCADOPAGO_UNAVAILABLE');
    expect((await notify(first.preapproval, { requestId })).body).toEqual({ status: 'aplicada' });
    mp.setStatus(first.preapproval, 'authorized');
    expect((await notify(first.preapproval)).body).toEqual({ status: 'aplicada' });
  });

  it('switches plans when the new subscription is paid, and stops charging for the old one', async () => {
    const upgrade = await master.http
      .post('/tenants/garage_alpha/assinaturas')
      .set(master.auth)
      .send({ plano_id: 3, email_pagador: 'dono@feirao.com.br' })
      .expect(201);
    expect(upgrade.body.checkout_url).toEqual(expect.stringContaining('preapproval_id='));
    const preapproval = upgrade.body.assinatura.mp_preapproval_id;
    expect(mp.preapprovals.get(preapproval)!.auto_recurring).toMatchObject({ transaction_amount: 1297 });

    mp.setStatus(preapproval, 'authorized');
    expect((await notify(preapproval)).body).toEqual({ status: 'aplicada' });
    expect((await resolve()).assinatura).toMatchObject({ ativa: true, plano: { id: 3, limite_tokens: 10_000_000 } });
    expect((await subscription(first.id)).status).toBe('cancelled');
    expect(mp.preapprovals.get(first.preapproval)!.status).toBe('cancelled');
  });

  it('cancels the Mercado Pago charge when an admin cancels, and changes nothing if Mercado Pago refuses', async () => {
    const [current] = (await master.http.get('/tenants/garage_alpha/assinaturas').set(master.auth).expect(200)).body.data;
    mp.failNext(1);
    const refused = await master.http.patch(`/assinaturas/${current.id}`).set(master.auth).send({ status: 'cancelled' });
    expect(refused.status).toBe(502);
    expect((await subscription(current.id)).status).toBe('active');

    await master.http
      .patch(`/assinaturas/${current.id}`)
      .set(master.auth)
      .send({ status: 'cancelled', motivo: 'cliente pediu' })
      .expect(200);
    expect(mp.preapprovals.get(current.mp_preapproval_id)!.status).toBe('cancelled');
    // Mercado Pago then confirms the cancellation: nothing left to change.
    expect((await notify(current.mp_preapproval_id)).body).toEqual({ status: 'sem_mudanca' });
  });

  it('cancels the pending subscription and answers 502 when Mercado Pago cannot open the checkout', async () => {
    mp.failNext(1);
    const response = await master.http
      .post('/tenants/garage_alpha/assinaturas')
      .set(master.auth)
      .send({ plano_id: 2, email_pagador: 'dono@feirao.com.br' });
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({ code: 'MERCADOPAGO_UNAVAILABLE', message: expect.stringContaining('cancelada') });
    const [latest] = (await master.http.get('/tenants/garage_alpha/assinaturas').set(master.auth).expect(200)).body.data;
    expect(latest).toMatchObject({ plano: { id: 2 }, status: 'cancelled', checkout_url: null });
  });

  it('acknowledges notifications it has nothing to do with', async () => {
    expect((await notify('b'.repeat(32))).body).toEqual({ status: 'desconhecida' });
    expect((await notify('123456789', { type: 'payment' })).body).toEqual({ status: 'ignorada' });
  });

  it('takes Mercado Pago’s end_date as data_fim to the instant, and answers 502 for one outside 2000–2100, changing nothing', async () => {
    const created = await master.http
      .post('/tenants/garage_alpha/assinaturas')
      .set(master.auth)
      .send({ plano_id: 2, email_pagador: 'dono@feirao.com.br' })
      .expect(201);
    const { id, mp_preapproval_id: preapproval } = created.body.assinatura;
    mp.setStatus(preapproval, 'authorized');
    mp.preapprovals.get(preapproval)!.auto_recurring.end_date = '0050-06-30T23:59:59.000-03:00';
    const refused = await notify(preapproval);
    expect(refused.status).toBe(502);
    expect(await subscription(id)).toMatchObject({ status: 'pending', data_fim: null });

    mp.preapprovals.get(preapproval)!.auto_recurring.end_date = '2027-06-30T23:59:59.000-03:00';
    expect((await notify(preapproval)).body).toEqual({ status: 'aplicada' });
    expect(await subscription(id)).toMatchObject({ status: 'active', data_fim: '2027-07-01T02:59:59.000Z' });
  });

  it.each([
    ['SQL in data.id', "?data.id=1'%20OR%201=1&type=subscription_preapproval"],
    ['data.id twice', '?data.id=1&data.id=2&type=subscription_preapproval'],
    ['a 1 kB data.id', `?data.id=${'9'.repeat(1000)}&type=subscription_preapproval`],
    ['a topic with symbols', '?data.id=1&type=<script>'],
  ])('refuses %s with 400 JSON', async (_label, query) => {
    const response = await master.http.post(`/webhooks/mercadopago${query}`).send({});
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a non-JSON or malformed body with 4xx JSON', async () => {
    const broken = await master.http.post('/webhooks/mercadopago?data.id=1').set('Content-Type', 'application/json').send('{"type":');
    expect(broken.status).toBe(400);
    const array = await master.http.post('/webhooks/mercadopago?data.id=1').set('Content-Type', 'application/json').send('[1,2]');
    expect(array.status).toBe(400);
  });
});
