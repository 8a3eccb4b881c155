import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const web = bearer(TEST_SERVICE_TOKENS.web);
const carros = bearer(TEST_SERVICE_TOKENS.carros);
const imoveis = bearer(TEST_SERVICE_TOKENS.imoveis);

describe('stores for the web service (/internal/lojas) and their look', () => {
  let master: TestMaster;
  const now = new Date('2026-11-15T12:00:00Z');
  const loja = (query: object, auth = web) => master.http.get('/internal/lojas').query(query).set(auth);

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => now } });
    await master.createTenant({
      tenant_key: 'garage_alpha',
      nome: 'Feirão',
      robo_tipo: 'carros',
      dominio: 'feiraoshowcar.com.br',
      plano_id: 1,
    });
    await master.createTenant({ tenant_key: 'imob_alpha', nome: 'Imob', robo_tipo: 'imoveis' });
    await master.sql(
      "UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id SET a.status = 'active', a.data_fim = NULL WHERE t.tenant_key = 'garage_alpha'",
    );
  });
  afterAll(() => master.close());

  it('answers public facts only, by key and by custom domain alike, open while active and paid', async () => {
    const byKey = await loja({ key: 'garage_alpha' }).expect(200);
    const byHost = await loja({ host: 'FeiraoShowCar.com.br' }).expect(200);
    expect(byHost.body).toEqual(byKey.body);
    expect(byKey.body).toEqual({
      tenant_key: 'garage_alpha',
      nome: 'Feirão',
      vertical: 'carros',
      status_loja: 'aberta',
      logo_url: null,
      cor_primaria: null,
    });
    expect(byKey.headers['cache-control']).toBe('no-store');
  });

  it('shows a store without an active subscription, or suspended, as unavailable — as the robots would refuse it', async () => {
    expect((await loja({ key: 'imob_alpha' }).expect(200)).body).toMatchObject({ vertical: 'imoveis', status_loja: 'indisponivel' });
    await master.http.patch('/tenants/garage_alpha').set(master.auth).send({ status: 'suspended' }).expect(200);
    try {
      expect((await loja({ key: 'garage_alpha' }).expect(200)).body.status_loja).toBe('indisponivel');
      const resolved = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(carros).expect(200);
      expect(resolved.body.assinatura.ativa).toBe(false);
    } finally {
      await master.http.patch('/tenants/garage_alpha').set(master.auth).send({ status: 'active' }).expect(200);
    }
    await master.sql("UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id SET a.data_fim = ? WHERE t.tenant_key = 'garage_alpha'", [
      new Date('2026-11-01T00:00:00Z'),
    ]);
    try {
      expect((await loja({ key: 'garage_alpha' }).expect(200)).body.status_loja).toBe('indisponivel');
    } finally {
      await master.sql(
        "UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id SET a.data_fim = NULL WHERE t.tenant_key = 'garage_alpha'",
      );
    }
  });

  it('answers 404 TENANT_NOT_FOUND for unknown stores and 400 for malformed lookups', async () => {
    for (const query of [{ key: 'nao_existe' }, { host: 'nao.existe.com.br' }]) {
      const response = await loja(query);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('TENANT_NOT_FOUND');
    }
    for (const query of [{}, { key: "a' OR 1=1 --" }, { host: '<script>' }, { key: 'garage_alpha', host: 'x.com' }]) {
      await loja(query).expect(400);
    }
  });

  it("admits only the web service's token there, and the web token nowhere else", async () => {
    for (const robot of [carros, imoveis]) {
      const response = await loja({ key: 'garage_alpha' }, robot);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SERVICE_NOT_WEB');
    }
    await master.http.get('/internal/lojas').query({ key: 'garage_alpha' }).expect(401);
    await loja({ key: 'garage_alpha' }, master.auth).expect(401);

    const refusals = [
      master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(web),
      master.http
        .post('/internal/tenants/resolve')
        .set(web)
        .send({ lookups: [{ key: 'garage_alpha' }] }),
      master.http.post('/internal/uso').set(web).send({ eventos: [] }),
      master.http.patch('/internal/tenants/garage_alpha/loja').set(web).send({ cor_primaria: '#112233' }),
      master.http.get('/tenants').set(web),
    ];
    const statuses = [];
    for (const refusal of refusals) {
      const response = await refusal;
      statuses.push(response.status);
      expect(JSON.stringify(response.body)).not.toMatch(/password|gw_carros|Feirão/);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 401]);
  });

  it("lets the tenant's own vertical's robot change its look, which the store then shows", async () => {
    const changed = await master.http
      .patch('/internal/tenants/garage_alpha/loja')
      .set(carros)
      .send({ nome: 'Feirão ShowCar', logo_url: '/fotos/abc123.png', cor_primaria: '#A1B2C3' })
      .expect(200);
    expect(changed.body).toMatchObject({
      tenant_key: 'garage_alpha',
      nome: 'Feirão ShowCar',
      logo_url: '/fotos/abc123.png',
      cor_primaria: '#a1b2c3',
    });
    expect((await loja({ key: 'garage_alpha' })).body).toEqual(changed.body);

    const other = await master.http.patch('/internal/tenants/garage_alpha/loja').set(imoveis).send({ cor_primaria: '#000000' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('TENANT_NOT_FOUND');
    await master.http.patch('/internal/tenants/nao_existe/loja').set(carros).send({ cor_primaria: '#000000' }).expect(404);

    const cleared = await master.http.patch('/internal/tenants/garage_alpha/loja').set(carros).send({ logo_url: null }).expect(200);
    expect(cleared.body).toMatchObject({ logo_url: null, cor_primaria: '#a1b2c3' });
  });

  it('refuses looks that are not a #rrggbb colour or an https:// (or own photo) logo, and fields that are not the look', async () => {
    for (const body of [
      {},
      { cor_primaria: 'red' },
      { cor_primaria: '#12345' },
      { cor_primaria: '#1234567' },
      { logo_url: 'http://exemplo.com.br/logo.png' },
      { logo_url: 'javascript:alert(1)' },
      { logo_url: 'data:image/png;base64,AAAA' },
      { logo_url: '/fotos/../segredo' },
      { logo_url: '//evil.example.com/x.png' },
      { logo_url: `https://exemplo.com.br/${'a'.repeat(500)}` },
      { dominio: 'outra.com.br' },
      { status: 'suspended' },
      { nome: '' },
    ]) {
      const response = await master.http.patch('/internal/tenants/garage_alpha/loja').set(carros).send(body);
      expect([response.status, body]).toEqual([400, body]);
      expect(response.body.error.code).toBeDefined();
    }
    await master.http
      .patch('/internal/tenants/garage_alpha/loja')
      .set(carros)
      .send({ logo_url: 'https://cdn.exemplo.com.br/logo.png' })
      .expect(200);
  });

  it("lets admins set and clear the look with PATCH /tenants/:key, and shows it in the tenant's view", async () => {
    const set = await master.http
      .patch('/tenants/imob_alpha')
      .set(master.auth)
      .send({ logo_url: 'https://cdn.exemplo.com.br/imob.png', cor_primaria: '#00AA11' })
      .expect(200);
    expect(set.body).toMatchObject({ tenant_key: 'imob_alpha', logo_url: 'https://cdn.exemplo.com.br/imob.png', cor_primaria: '#00aa11' });
    expect((await master.http.get('/tenants/imob_alpha').set(master.auth).expect(200)).body.cor_primaria).toBe('#00aa11');
    await master.http.patch('/tenants/imob_alpha').set(master.auth).send({ cor_primaria: 'azul' }).expect(400);
    await master.http.patch('/tenants/imob_alpha').set(master.auth).send({ logo_url: 'ftp://x.com/a.png' }).expect(400);
    const cleared = await master.http
      .patch('/tenants/imob_alpha')
      .set(master.auth)
      .send({ logo_url: null, cor_primaria: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ logo_url: null, cor_primaria: null });
  });
});
