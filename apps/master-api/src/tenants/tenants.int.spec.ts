import { hashApiKey } from '@helix/secrets';
import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

describe('tenant registry', () => {
  let master: TestMaster;
  const resolve = (key: string) =>
    master.http.get('/internal/tenants/resolve').query({ key }).set('Authorization', `Bearer ${TEST_SERVICE_TOKENS.carros}`);

  beforeAll(async () => {
    master = await startTestMaster();
    for (const [key, robo] of [
      ['carros_um', 'carros'],
      ['carros_dois', 'carros'],
      ['imob_um', 'imoveis'],
    ] as const) {
      await master.http
        .post('/tenants')
        .set(master.auth)
        .send({ tenant_key: key, nome: `Cliente ${key}`, robo_tipo: robo })
        .expect(201);
    }
  });
  afterAll(() => master.close());

  it('lists tenants filtered by vertical and status, paginated', async () => {
    const carros = await master.http.get('/tenants').query({ robo_tipo: 'carros' }).set(master.auth).expect(200);
    expect(carros.body.data.map((t: { tenant_key: string }) => t.tenant_key)).toEqual(['carros_um', 'carros_dois']);
    expect(carros.body.total).toBe(2);

    const page2 = await master.http.get('/tenants').query({ per_page: 2, page: 2 }).set(master.auth).expect(200);
    expect(page2.body).toMatchObject({ page: 2, per_page: 2, total: 3 });
    expect(page2.body.data.map((t: { tenant_key: string }) => t.tenant_key)).toEqual(['imob_um']);

    await master.http.get('/tenants').query({ per_page: 5000 }).set(master.auth).expect(400);
    await master.http.get('/tenants').query({ status: "active' OR 1=1" }).set(master.auth).expect(400);
  });

  it('searches tenants by part of the key or the name, literally and without regard to case', async () => {
    const keys = async (query: Record<string, string>) =>
      (await master.http.get('/tenants').query(query).set(master.auth).expect(200)).body.data.map(
        (t: { tenant_key: string }) => t.tenant_key,
      );
    expect(await keys({ busca: 'CARROS' })).toEqual(['carros_um', 'carros_dois']);
    expect(await keys({ busca: 'cliente imob' })).toEqual(['imob_um']);
    expect(await keys({ busca: 'dois', robo_tipo: 'imoveis' })).toEqual([]);
    // `_` and `%` are LIKE wildcards; here they are just characters.
    expect(await keys({ busca: 's_u' })).toEqual(['carros_um']);
    expect(await keys({ busca: 'r_s' })).toEqual([]);
    expect(await keys({ busca: '%' })).toEqual([]);
    await master.http
      .get('/tenants')
      .query({ busca: 'a'.repeat(101) })
      .set(master.auth)
      .expect(400);
  });

  it('shows one tenant without its credentials, and 404 for an unknown key', async () => {
    const response = await master.http.get('/tenants/imob_um').set(master.auth).expect(200);
    expect(response.body).toMatchObject({ tenant_key: 'imob_um', robo_tipo: 'imoveis', database_name: `${master.prefix}imoveis_imob_um` });
    expect(Object.keys(response.body)).not.toEqual(expect.arrayContaining(['db_password_enc', 'api_key_hash', 'db_user']));
    const missing = await master.http.get('/tenants/nao_existe').set(master.auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'TENANT_NOT_FOUND', message: "Cliente 'nao_existe' não encontrado." });
  });

  it('renames, sets and clears the domain, and suspends and reactivates a tenant', async () => {
    const renamed = await master.http
      .patch('/tenants/carros_um')
      .set(master.auth)
      .send({ nome: 'Feirão ShowCar', dominio: 'showcar.com.br' })
      .expect(200);
    expect(renamed.body).toMatchObject({ nome: 'Feirão ShowCar', dominio: 'showcar.com.br' });

    const clash = await master.http.patch('/tenants/carros_dois').set(master.auth).send({ dominio: 'showcar.com.br' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('DOMAIN_TAKEN');

    await master.http.patch('/tenants/carros_um').set(master.auth).send({ status: 'suspended' }).expect(200);
    expect((await resolve('carros_um')).body.tenant.status).toBe('suspended');
    await master.http.patch('/tenants/carros_um').set(master.auth).send({ status: 'active', dominio: null }).expect(200);
    const back = await master.http.get('/tenants/carros_um').set(master.auth);
    expect(back.body).toMatchObject({ status: 'active', dominio: null });
  });

  it('refuses patches that set what may not be set', async () => {
    for (const body of [{}, { status: 'deleted' }, { status: 'provisioning' }, { database_name: 'mysql' }, { nome: '' }]) {
      const response = await master.http.patch('/tenants/carros_dois').set(master.auth).send(body);
      expect(response.status).toBe(400);
    }
  });

  it('rotates the API key: the new one is what robots check, the old one no longer matches', async () => {
    const before = (await resolve('carros_dois')).body.api_key_sha256;
    const rotated = await master.http.post('/tenants/carros_dois/api-keys').set(master.auth).expect(201);
    const after = (await resolve('carros_dois')).body.api_key_sha256;
    expect(after).toBe(hashApiKey(rotated.body.api_key));
    expect(after).not.toBe(before);
    const view = await master.http.get('/tenants/carros_dois').set(master.auth);
    expect(rotated.body.api_key.startsWith(view.body.api_key_prefix)).toBe(true);
  });
});
