import jwt from 'jsonwebtoken';
import { startTestMaster, type TestMaster } from '../testing/test-master';

/** Every way an admin loses access takes effect on the very next request made with an old token. */
describe('revocable admin sessions', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster();
  });
  afterAll(() => master.close());

  const PASSWORD = 'senha-do-alvo-123';
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let accounts = 0;

  /** A new account of its own per test, logged in once. */
  async function account(role: 'admin' | 'viewer' = 'admin') {
    const email = `alvo${++accounts}@helix.test`;
    const created = await master.http
      .post('/usuarios-admin')
      .set(master.auth)
      .send({ email, nome: `Alvo ${accounts}`, password: PASSWORD, role })
      .expect(201);
    return { id: created.body.id as number, email, token: await master.login(email, PASSWORD) };
  }

  /** What the review saw an old token still do: create another admin. */
  const createAdminWith = (token: string) =>
    master.http
      .post('/usuarios-admin')
      .set(bearer(token))
      .send({ email: `criado${++accounts}@helix.test`, nome: 'Criado', password: 'senha-do-criado-1', role: 'admin' });
  const me = (token: string) => master.http.get('/auth/me').set(bearer(token));
  const patch = (id: number, body: object) => master.http.patch(`/usuarios-admin/${id}`).set(master.auth).send(body).expect(200);

  const expectRevoked = (response: { status: number; body: { error?: { code: string } } }) => {
    expect(response.status).toBe(401);
    expect(response.body.error?.code).toBe('SESSION_REVOKED');
  };

  it('refuses a deactivated admin at once, and for good once reactivated', async () => {
    const alvo = await account();
    await me(alvo.token).expect(200);
    await patch(alvo.id, { ativo: false });

    const write = await createAdminWith(alvo.token);
    expectRevoked(write);
    expect(await master.sql<unknown[]>('SELECT id FROM usuarios_admin WHERE email LIKE ?', ['criado%'])).toEqual([]);
    expectRevoked(await me(alvo.token));
    expect((await master.http.post('/auth/login').send({ email: alvo.email, password: PASSWORD })).status).toBe(401);

    await patch(alvo.id, { ativo: true });
    expectRevoked(await me(alvo.token));
    await me(await master.login(alvo.email, PASSWORD)).expect(200);
  });

  it('refuses the token of an account deleted by hand', async () => {
    const alvo = await account();
    const victim = await account('viewer');
    await master.sql('DELETE FROM usuarios_admin WHERE id = ?', [alvo.id]);

    const rename = await master.http.patch(`/usuarios-admin/${victim.id}`).set(bearer(alvo.token)).send({ nome: 'Renomeado' });
    expectRevoked(rename);
    expect(await master.sql<{ nome: string }[]>('SELECT nome FROM usuarios_admin WHERE id = ?', [victim.id])).toEqual([
      { nome: expect.stringMatching(/^Alvo/) },
    ]);
  });

  it('ends the sessions of an admin demoted to viewer; a new login reads but cannot write', async () => {
    const alvo = await account();
    await patch(alvo.id, { role: 'viewer' });

    expectRevoked(await createAdminWith(alvo.token));
    const viewer = await master.login(alvo.email, PASSWORD);
    await master.http.get('/tenants').set(bearer(viewer)).expect(200);
    const write = await createAdminWith(viewer);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ROLE_FORBIDDEN');
  });

  it('authorises with the role in the database, not the one the token was issued under', async () => {
    const alvo = await account();
    // Behind the API's back: the session version stays, only the role changes.
    await master.sql(`UPDATE usuarios_admin SET role = 'viewer' WHERE id = ?`, [alvo.id]);

    const write = await createAdminWith(alvo.token);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ROLE_FORBIDDEN');
    expect((await me(alvo.token).expect(200)).body.role).toBe('viewer');
  });

  it('ends every other session on a password change and hands the caller a new one', async () => {
    const alvo = await account('viewer');
    const other = await master.login(alvo.email, PASSWORD);
    const changed = await master.http
      .post('/auth/senha')
      .set(bearer(alvo.token))
      .send({ senha_atual: PASSWORD, nova_senha: 'outra-senha-do-alvo-9' });
    expect(changed.status).toBe(200);

    expectRevoked(await me(other));
    expectRevoked(await me(alvo.token));
    expect((await me(changed.body.token).expect(200)).body.email).toBe(alvo.email);
    expect((await master.http.post('/auth/login').send({ email: alvo.email, password: PASSWORD })).status).toBe(401);
    await master.login(alvo.email, 'outra-senha-do-alvo-9');
  });

  it('ends only the current session on logout, on every later request', async () => {
    const alvo = await account('viewer');
    const other = await master.login(alvo.email, PASSWORD);
    await master.http.post('/auth/logout').set(bearer(alvo.token)).expect(204);

    expectRevoked(await me(alvo.token));
    expectRevoked(await master.http.post('/auth/logout').set(bearer(alvo.token)));
    await me(other).expect(200);
  });

  it('keeps a logged-out token only until it would have expired anyway', async () => {
    const alvo = await account('viewer');
    const expired = '00000000-0000-4000-8000-000000000000';
    await master.sql('INSERT INTO admin_sessoes_encerradas (jti, expira_em) VALUES (?, ?)', [expired, new Date(Date.now() - 1000)]);
    await master.http.post('/auth/logout').set(bearer(alvo.token)).expect(204);

    const { jti, exp } = jwt.decode(alvo.token) as jwt.JwtPayload;
    const rows = await master.sql('SELECT jti, expira_em FROM admin_sessoes_encerradas WHERE jti IN (?, ?)', [expired, jti]);
    expect(rows).toEqual([{ jti, expira_em: new Date(exp! * 1000) }]);
  });

  it('ends every session of the caller on logout-all, and records it', async () => {
    const alvo = await account();
    const other = await master.login(alvo.email, PASSWORD);
    await master.http.post('/auth/logout-all').set(bearer(alvo.token)).expect(204);

    expectRevoked(await me(alvo.token));
    expectRevoked(await me(other));
    const fresh = await master.login(alvo.email, PASSWORD);
    const { body } = await master.http.get(`/usuarios-admin/${alvo.id}`).set(bearer(fresh)).expect(200);
    expect(body.historico.at(-1)).toMatchObject({ campo: 'sessoes', para: 'encerradas', autor: alvo.email });
  });

  it('refuses a token issued before sessions could be revoked (no session version)', async () => {
    const legacy = jwt.sign({ email: 'admin@helix.test', role: 'admin' }, master.config.JWT_SECRET, {
      subject: '1',
      issuer: 'helix-master',
      audience: 'helix-admin',
      expiresIn: 60,
    });
    const response = await me(legacy);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_TOKEN');
  });
});
