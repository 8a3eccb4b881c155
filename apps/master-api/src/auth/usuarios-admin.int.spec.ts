import { eventually } from '@helix/testing';
import { startTestMaster, TEST_ADMIN, type TestMaster } from '../testing/test-master';

describe('admin management', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster();
  });
  afterAll(() => master.close());

  const PASSWORD = 'senha-da-conta-123';
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let accounts = 0;

  async function account(role: 'admin' | 'viewer' = 'admin') {
    const email = `conta${++accounts}@helix.test`;
    const created = await master.http
      .post('/usuarios-admin')
      .set(master.auth)
      .send({ email, nome: `Conta ${accounts}`, password: PASSWORD, role })
      .expect(201);
    return { id: created.body.id as number, email, token: await master.login(email, PASSWORD) };
  }
  const patch = (id: number | string, body: unknown, auth = master.auth) =>
    master.http
      .patch(`/usuarios-admin/${id}`)
      .set(auth)
      .send(body as object);
  const history = async (id: number) => (await master.http.get(`/usuarios-admin/${id}`).set(master.auth).expect(200)).body.historico;

  it('lists the accounts without password hashes or session versions, to admins only', async () => {
    const viewer = await account('viewer');
    const { body } = await master.http.get('/usuarios-admin').set(master.auth).expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { id: 1, email: TEST_ADMIN.email, nome: 'Administrador', role: 'admin', ativo: true, criado_em: expect.any(String) },
        { id: viewer.id, email: viewer.email, nome: expect.any(String), role: 'viewer', ativo: true, criado_em: expect.any(String) },
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(/senha|hash|scrypt|sessao/);
    const refused = await master.http.get('/usuarios-admin').set(bearer(viewer.token));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ROLE_FORBIDDEN');
  });

  it('records who created an account, with the first start as the system', async () => {
    const conta = await account('viewer');
    const { body } = await master.http.get(`/usuarios-admin/${conta.id}`).set(master.auth).expect(200);
    expect(body).toMatchObject({ id: conta.id, email: conta.email, role: 'viewer', ativo: true });
    expect(body.historico).toEqual([{ campo: 'conta', de: null, para: 'viewer', autor: TEST_ADMIN.email, em: expect.any(String) }]);
    expect(await history(1)).toEqual([{ campo: 'conta', de: null, para: 'admin', autor: 'sistema', em: expect.any(String) }]);
  });

  it('records each changed field with its author, old and new value; a value set again records nothing', async () => {
    const conta = await account('viewer');
    const changed = await patch(conta.id, { nome: 'Novo Nome', role: 'admin', ativo: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: conta.id, nome: 'Novo Nome', role: 'admin', ativo: true });
    await patch(conta.id, { ativo: false }).expect(200);

    expect((await history(conta.id)).slice(1)).toEqual([
      { campo: 'nome', de: expect.stringMatching(/^Conta/), para: 'Novo Nome', autor: TEST_ADMIN.email, em: expect.any(String) },
      { campo: 'role', de: 'viewer', para: 'admin', autor: TEST_ADMIN.email, em: expect.any(String) },
      { campo: 'ativo', de: 'true', para: 'false', autor: TEST_ADMIN.email, em: expect.any(String) },
    ]);
  });

  it('lets a rename keep the account signed in; a role change ends its sessions', async () => {
    const conta = await account();
    await patch(conta.id, { nome: 'Só o nome' }).expect(200);
    await master.http.get('/auth/me').set(bearer(conta.token)).expect(200);
    await patch(conta.id, { role: 'admin' }).expect(200);
    await master.http.get('/auth/me').set(bearer(conta.token)).expect(200);
    await patch(conta.id, { role: 'viewer' }).expect(200);
    expect((await master.http.get('/auth/me').set(bearer(conta.token))).status).toBe(401);
  });

  it('refuses to let an admin deactivate or demote itself, but lets it rename itself', async () => {
    const self = await account();
    for (const body of [{ ativo: false }, { role: 'viewer' }]) {
      const refused = await patch(self.id, body, bearer(self.token));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('CANNOT_CHANGE_SELF');
    }
    await patch(self.id, { nome: 'Eu Mesmo' }, bearer(self.token)).expect(200);
    expect(await master.sql('SELECT role, ativo FROM usuarios_admin WHERE id = ?', [self.id])).toEqual([{ role: 'admin', ativo: 1 }]);
  });

  it('leaves one active admin when the last two demote each other at the same moment', async () => {
    const [a, b] = [await account(), await account()];
    const others = await master.sql<{ id: number }[]>(`SELECT id FROM usuarios_admin WHERE role = 'admin' AND id NOT IN (?, ?)`, [
      a.id,
      b.id,
    ]);
    await master.sql(`UPDATE usuarios_admin SET role = 'viewer' WHERE id IN (?)`, [others.map((row) => row.id)]);
    // Hold the rows so that both requests pass authentication and then wait on the same lock.
    const holder = await master.db.getConnection();
    try {
      await holder.beginTransaction();
      await holder.query('SELECT id FROM usuarios_admin FOR UPDATE');
      const results = Promise.all([patch(b.id, { role: 'viewer' }, bearer(a.token)), patch(a.id, { role: 'viewer' }, bearer(b.token))]);
      await eventually(
        async () => {
          const [rows] = await master.db.query(
            `SELECT COUNT(*) AS waiting FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND info LIKE '%FOR UPDATE%' AND id <> CONNECTION_ID()`,
          );
          return (rows as { waiting: number }[])[0].waiting === 2;
        },
        3_000,
        'both demotions waiting on the lock',
      );
      await holder.commit();

      const responses = await results;
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('LAST_ADMIN');
      expect(await master.sql(`SELECT id FROM usuarios_admin WHERE role = 'admin' AND ativo = 1`)).toHaveLength(1);
    } finally {
      await holder.rollback(); // a no-op once committed; frees the rows when the test failed before
      holder.release();
      await master.sql(`UPDATE usuarios_admin SET role = 'admin' WHERE id IN (?)`, [others.map((row) => row.id)]);
    }
  });

  it('answers 404 for an account that does not exist', async () => {
    const response = await patch(999_999, { nome: 'Ninguém' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ADMIN_NOT_FOUND');
    expect((await master.http.get('/usuarios-admin/999999').set(master.auth)).status).toBe(404);
  });

  it('refuses a common password for a new account and creates nothing', async () => {
    const response = await master.http
      .post('/usuarios-admin')
      .set(master.auth)
      .send({ email: 'fraca@helix.test', nome: 'Fraca', password: 'Password123!', role: 'viewer' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('WEAK_PASSWORD');
    expect(await master.sql('SELECT id FROM usuarios_admin WHERE email = ?', ['fraca@helix.test'])).toEqual([]);
  });

  it('refuses an e-mail already taken with 409', async () => {
    const response = await master.http
      .post('/usuarios-admin')
      .set(master.auth)
      .send({ email: TEST_ADMIN.email, nome: 'Outro', password: 'senha-qualquer-987', role: 'viewer' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('ADMIN_EXISTS');
  });

  describe('hostile or malformed input', () => {
    it.each([
      ['zero', '0'],
      ['a negative id', '-1'],
      ['exponent notation', '1e3'],
      ['hexadecimal', '0x10'],
      ['leading zero', '01'],
      ['past INT UNSIGNED', '4294967296'],
      ['11 digits', '99999999999'],
      ['SQL', '1 OR 1=1'],
      ['letters', 'abc'],
    ])('refuses %s as an id with 400', async (_label, id) => {
      for (const response of [
        await patch(encodeURIComponent(id), { nome: 'X' }),
        await master.http.get(`/usuarios-admin/${encodeURIComponent(id)}`).set(master.auth),
      ]) {
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it.each<[string, unknown]>([
      ['an empty body', {}],
      ['ativo as a string', { ativo: 'false' }],
      ['ativo as a number', { ativo: 0 }],
      ['an unknown role', { role: 'root' }],
      ['a null role', { role: null }],
      ['an empty nome', { nome: '  ' }],
      ['a 10 kB nome', { nome: 'n'.repeat(10_000) }],
      ['a NUL byte in nome', { nome: 'Nome\u0000Oculto' }],
      ['an unknown field', { senha_hash: 'x' }],
      ['an e-mail change', { email: 'outro@helix.test' }],
      ['a JSON array', [{ nome: 'X' }]],
      ['null', null],
    ])('refuses %s in PATCH with a 4xx JSON error and changes nothing', async (_label, body) => {
      const conta = await account('viewer');
      const before = await master.sql('SELECT * FROM usuarios_admin WHERE id = ?', [conta.id]);
      const response = await master.http
        .patch(`/usuarios-admin/${conta.id}`)
        .set(master.auth)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
      expect(await master.sql('SELECT * FROM usuarios_admin WHERE id = ?', [conta.id])).toEqual(before);
    });

    it.each<[string, unknown]>([
      ['a short password', { email: 'x1@helix.test', nome: 'X', password: 'curta', role: 'viewer' }],
      ['a 10 kB password', { email: 'x2@helix.test', nome: 'X', password: 'p'.repeat(10_000), role: 'viewer' }],
      ['a password as a number', { email: 'x3@helix.test', nome: 'X', password: 12345678901, role: 'viewer' }],
      ['an invalid e-mail', { email: "x' OR '1'='1", nome: 'X', password: 'senha-valida-123', role: 'viewer' }],
      ['a chosen id', { id: 1, email: 'x4@helix.test', nome: 'X', password: 'senha-valida-123', role: 'viewer' }],
    ])('refuses %s in POST with 400 and creates nothing', async (_label, body) => {
      const response = await master.http
        .post('/usuarios-admin')
        .set(master.auth)
        .send(body as object);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(await master.sql(`SELECT id FROM usuarios_admin WHERE email LIKE 'x%'`)).toEqual([]);
    });
  });
});
