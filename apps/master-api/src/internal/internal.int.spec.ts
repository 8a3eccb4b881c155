import { billingMonth, DEFAULT_REQUEST_RATES } from '@helix/contracts';
import { countRowsThroughGateway } from '@helix/testing';
import { gatewayPassword, tenantRoleName, tenantUserName } from '@helix/provisioning';
import { SecretBox } from '@helix/secrets';
import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

describe('/internal/tenants/resolve', () => {
  let master: TestMaster;
  const now = new Date('2026-11-30T23:30:00-03:00');
  const service = { Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` };
  let tenantId: number;

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => now } });
    const created = await master.createTenant({
      tenant_key: 'garage_alpha',
      nome: 'Feirão',
      robo_tipo: 'carros',
      dominio: 'feiraoshowcar.com.br',
      plano_id: 2,
    });
    tenantId = created.tenant.id;
  });
  afterAll(() => master.close());

  it('resolves by key and by custom domain to the same tenant, with its working DB credentials', async () => {
    const byKey = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    const byHost = await master.http.get('/internal/tenants/resolve').query({ host: 'FeiraoShowCar.com.br' }).set(service).expect(200);
    expect(byHost.body).toEqual(byKey.body);
    expect(byKey.headers['cache-control']).toBe('no-store');
    expect(byKey.body).toMatchObject({
      version: 1,
      tenant: { tenant_key: 'garage_alpha', robo_tipo: 'carros', status: 'active' },
      database: { name: `${master.prefix}carros_garage_alpha`, port: 3306 },
      assinatura: {
        status: 'pending',
        ativa: false,
        plano: { id: 2, nome: 'Profissional', limite_mensagens: 5000, taxas: DEFAULT_REQUEST_RATES },
      },
      uso: { mes: '2026-11', mensagens_usadas: 0, tokens_usados: 0 },
      cache_ttl_seconds: 5,
    });
  });

  it("sends only what robots use: not the tenant's own MySQL login or its password", async () => {
    const { body } = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(Object.keys(body.database).sort()).toEqual(['catalogue_reader', 'gateway', 'host', 'name', 'port', 'role']);
    const [own] = await master.sql<{ db_user: string; db_password_enc: string }[]>(
      "SELECT db_user, db_password_enc FROM tenants WHERE tenant_key = 'garage_alpha'",
    );
    const answer = JSON.stringify(body);
    expect(answer).not.toContain(own.db_user);
    expect(answer).not.toContain(new SecretBox(master.config.TENANT_SECRET_KEY).open(own.db_password_enc));
  });

  it("carries the tenant's role and its vertical's gateway, whose login takes the role and reaches the tenant's database", async () => {
    const { body } = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(body.database).toMatchObject({
      role: tenantRoleName(tenantUserName(master.prefix, body.database.name)),
      gateway: { user: `${master.prefix}gw_carros`, password: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    });

    expect(
      await countRowsThroughGateway({ gateway: body.database.gateway, role: body.database.role, database: body.database.name }, 'cars'),
    ).toBe(0);
  });

  it("hands out the password of the gateway's current rotation generation on the tenant's server", async () => {
    const resolveDatabase = async () =>
      (await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200)).body.database;
    const { host, port, gateway } = await resolveDatabase();
    const derived = (generation: number) =>
      gatewayPassword(new SecretBox(master.config.TENANT_SECRET_KEY), gateway.user, { host, port }, generation);
    expect(gateway.password).toBe(derived(0));
    await master.sql("INSERT INTO gateway_geracoes (db_host, db_port, robo_tipo, geracao) VALUES (?, ?, 'carros', 3)", [host, port]);
    try {
      expect((await resolveDatabase()).gateway).toEqual({ user: gateway.user, password: derived(3) });
    } finally {
      await master.sql('DELETE FROM gateway_geracoes');
    }
  });

  it('reports an active subscription as serving until its end date, and expired after it, with no job run', async () => {
    await master.sql("UPDATE assinaturas SET status = 'active', data_inicio = ?, data_fim = ? WHERE tenant_id = ?", [
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-12-31T00:00:00Z'),
      tenantId,
    ]);
    const active = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(active.body.assinatura).toMatchObject({ status: 'active', ativa: true, data_fim: '2026-12-31T00:00:00.000Z' });

    await master.sql('UPDATE assinaturas SET data_fim = ? WHERE tenant_id = ?', [new Date('2026-11-30T12:00:00Z'), tenantId]);
    const expired = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(expired.body.assinatura).toMatchObject({ status: 'expired', ativa: false });
  });

  it('does not let a suspended tenant be served even with an active subscription', async () => {
    await master.sql("UPDATE assinaturas SET status = 'active', data_fim = NULL WHERE tenant_id = ?", [tenantId]);
    await master.http.patch('/tenants/garage_alpha').set(master.auth).send({ status: 'suspended' }).expect(200);
    const response = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(response.body).toMatchObject({ tenant: { status: 'suspended' }, assinatura: { status: 'active', ativa: false } });
    await master.http.patch('/tenants/garage_alpha').set(master.auth).send({ status: 'active' }).expect(200);
  });

  it("carries this month's usage, counted in the billing time zone", async () => {
    expect(billingMonth(now, 'America/Sao_Paulo')).toBe('2026-11');
    expect(billingMonth(now, 'UTC')).toBe('2026-12');
    await master.sql(
      "INSERT INTO uso_tokens (tenant_id, mes, mensagens_usadas, tokens_usados) VALUES (?, '2026-11', 7, 1234), (?, '2026-10', 99, 99)",
      [tenantId, tenantId],
    );
    const response = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(response.body.uso).toEqual({ mes: '2026-11', mensagens_usadas: 7, tokens_usados: 1234, fuso_horario: 'America/Sao_Paulo' });
  });

  it('answers 404 for unknown tenants and 400 for malformed lookups', async () => {
    const unknown = await master.http.get('/internal/tenants/resolve').query({ key: 'nao_existe' }).set(service);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TENANT_NOT_FOUND');
    await master.http.get('/internal/tenants/resolve').query({ host: 'nao.existe.com' }).set(service).expect(404);
    for (const query of [{}, { key: "a' OR 1=1 --" }, { host: '<script>' }, { key: 'garage_alpha', host: 'x.com' }]) {
      await master.http.get('/internal/tenants/resolve').query(query).set(service).expect(400);
    }
  });

  it('POST resolves a batch in the order asked, null where no tenant answers, as GET does one by one', async () => {
    const lookups = [{ key: 'nao_existe' }, { host: 'FEIRAOSHOWCAR.com.br' }, { key: 'garage_alpha' }, { host: 'nao.existe.com' }];
    const response = await master.http.post('/internal/tenants/resolve').set(service).send({ lookups }).expect(200);
    const one = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ version: 1, results: [null, one.body, one.body, null] });
  });

  it('answers for the other tenants of a batch when one registry row cannot be read, and 503 for that one alone', async () => {
    await master.createTenant({ tenant_key: 'garage_broken', nome: 'Quebrada', robo_tipo: 'carros', plano_id: 1 });
    // Its login name edited by hand: no role or gateway can be named after it.
    await master.sql("UPDATE tenants SET db_user = 'root' WHERE tenant_key = 'garage_broken'");
    const alpha = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);

    const batch = await master.http
      .post('/internal/tenants/resolve')
      .set(service)
      .send({ lookups: [{ key: 'garage_broken' }, { key: 'garage_alpha' }, { key: 'nao_existe' }] })
      .expect(200);
    expect(batch.body).toEqual({ version: 1, results: [null, alpha.body, null], unavailable: [0] });

    const one = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_broken' }).set(service);
    expect(one.status).toBe(503);
    expect(one.body.error.code).toBe('TENANT_UNAVAILABLE');
  });

  it('POST refuses a malformed batch whole, with 400 and nothing resolved', async () => {
    const tooMany = Array.from({ length: 201 }, () => ({ key: 'garage_alpha' }));
    for (const body of [
      {},
      { lookups: [] },
      { lookups: tooMany },
      { lookups: [{ key: "a' OR 1=1 --" }] },
      { lookups: [{ key: 'garage_alpha', host: 'x.com' }] },
      { lookups: 'garage_alpha' },
    ]) {
      const response = await master.http.post('/internal/tenants/resolve').set(service).send(body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBeDefined();
      expect(response.body.results).toBeUndefined();
    }
  });

  it("answers a robot only about its own vertical's tenants: the imoveis robot's token gets 404 and null for a carros tenant", async () => {
    const imoveis = { Authorization: `Bearer ${TEST_SERVICE_TOKENS.imoveis}` };
    for (const query of [{ key: 'garage_alpha' }, { host: 'feiraoshowcar.com.br' }]) {
      const response = await master.http.get('/internal/tenants/resolve').query(query).set(imoveis);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('TENANT_NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toMatch(/gw_carros|password/);
    }
    const batch = await master.http
      .post('/internal/tenants/resolve')
      .set(imoveis)
      .send({ lookups: [{ key: 'garage_alpha' }, { host: 'feiraoshowcar.com.br' }] })
      .expect(200);
    expect(batch.body).toEqual({ version: 1, results: [null, null] });
    await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
  });

  it('accepts only service tokens: no token, a wrong one or an admin JWT get 401', async () => {
    const batch = { lookups: [{ key: 'garage_alpha' }] };
    await master.http.post('/internal/tenants/resolve').send(batch).expect(401);
    await master.http.post('/internal/tenants/resolve').set(master.auth).send(batch).expect(401);
    const url = '/internal/tenants/resolve?key=garage_alpha';
    await master.http.get(url).expect(401);
    await master.http.get(url).set('Authorization', 'Bearer token-de-servico-errado').expect(401);
    await master.http.get(url).set(master.auth).expect(401);
  });
});
