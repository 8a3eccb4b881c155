import { databasesLike, usersLike } from '@helix/testing';
import { startTestMaster, type TestMaster } from '../testing/test-master';

describe('hostile or malformed input to POST /tenants', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster();
  });
  afterAll(() => master.close());

  const valid = { tenant_key: 'loja_valida', nome: 'Loja Válida', robo_tipo: 'carros' };

  const cases: [string, unknown][] = [
    ['SQL in tenant_key', { ...valid, tenant_key: "x'; DROP DATABASE mysql; --" }],
    ['backticks in tenant_key', { ...valid, tenant_key: 'abc`; DROP TABLE tenants; `' }],
    ['path traversal in tenant_key', { ...valid, tenant_key: '../../etc/passwd' }],
    ['upper case tenant_key', { ...valid, tenant_key: 'Garage_Alpha' }],
    ['cyrillic look-alike in tenant_key', { ...valid, tenant_key: 'gаrage_alpha' }],
    ['fullwidth letters in tenant_key', { ...valid, tenant_key: 'ｇarage' }],
    ['NUL byte in tenant_key', { ...valid, tenant_key: 'garage\u0000alpha' }],
    ['reserved tenant_key', { ...valid, tenant_key: 'admin' }],
    ['too short tenant_key', { ...valid, tenant_key: 'ab' }],
    ['10 kB tenant_key', { ...valid, tenant_key: `a${'b'.repeat(10_000)}` }],
    ['number as tenant_key', { ...valid, tenant_key: 12345 }],
    ['array as tenant_key', { ...valid, tenant_key: ['garage'] }],
    ['object as tenant_key', { ...valid, tenant_key: { $gt: '' } }],
    ['SQL in dominio', { ...valid, dominio: "a.com' OR '1'='1" }],
    ['IP literal as dominio', { ...valid, dominio: '127.0.0.1' }],
    ['unicode look-alike dominio', { ...valid, dominio: 'pаypal.com' }],
    ['dominio with path', { ...valid, dominio: 'loja.com/../admin' }],
    ['10 kB dominio', { ...valid, dominio: `${'a'.repeat(10_000)}.com` }],
    ['NUL byte in nome', { ...valid, nome: 'Loja\u0000Secreta' }],
    ['10 kB nome', { ...valid, nome: 'n'.repeat(10_000) }],
    ['unknown robo_tipo', { ...valid, robo_tipo: 'motos' }],
    ['string plano_id', { ...valid, plano_id: '1 OR 1=1' }],
    ['negative plano_id', { ...valid, plano_id: -1 }],
    ['unknown field', { ...valid, database_name: 'mysql' }],
    ['missing fields', {}],
    ['a JSON array body', [valid]],
    ['null body', null],
  ];

  it.each(cases)('refuses %s with a 4xx JSON error and creates nothing', async (_label, body) => {
    const response = await master.http.post('/tenants').set(master.auth).set('Content-Type', 'application/json').send(JSON.stringify(body));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send({ ...valid, nome: 'x'.repeat(300_000) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON and non-JSON bodies', async () => {
    const broken = await master.http.post('/tenants').set(master.auth).set('Content-Type', 'application/json').send('{"tenant_key": ');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_JSON');
    const form = await master.http.post('/tenants').set(master.auth).type('form').send('tenant_key=abc&nome=x&robo_tipo=carros');
    expect(form.status).toBe(400);
    expect(form.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses hostile keys in the path with 400', async () => {
    for (const key of ["x' OR '1'='1", '..%2F..%2Fetc', 'a'.repeat(500)]) {
      const response = await master.http.get(`/tenants/${encodeURIComponent(key)}`).set(master.auth);
      expect(response.status).toBe(400);
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await master.http.get('/nao-existe');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('has created nothing and is still healthy after all of it', async () => {
    expect(await master.sql<unknown[]>('SELECT id FROM tenants')).toEqual([]);
    expect(await databasesLike(`${master.prefix}carros`)).toEqual([]);
    expect(await usersLike(master.prefix)).toEqual([]);
    await master.http.get('/health').expect(200);
    await master.http.get('/ready').expect(200);
    await master.http.post('/tenants').set(master.auth).send(valid).expect(201);
  });
});
