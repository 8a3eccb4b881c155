import { startTestMaster, type TestMaster } from '../testing/test-master';

describe('POST /auth/senha', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster({ env: { LOGIN_MAX_FAILURES_PER_EMAIL: '3' } });
  });
  afterAll(() => master.close());

  const PASSWORD = 'senha-da-conta-123';
  let accounts = 0;

  async function account() {
    const email = `conta${++accounts}@helix.test`;
    const created = await master.http
      .post('/usuarios-admin')
      .set(master.auth)
      .send({ email, nome: 'Conta', password: PASSWORD, role: 'viewer' })
      .expect(201);
    const token = await master.login(email, PASSWORD);
    return { id: created.body.id as number, email, auth: { Authorization: `Bearer ${token}` } };
  }
  const change = (auth: Record<string, string>, body: unknown) =>
    master.http.post('/auth/senha').set(auth).set('Content-Type', 'application/json').send(JSON.stringify(body));
  const passwordHash = async (id: number) =>
    (await master.sql<{ senha_hash: string }[]>('SELECT senha_hash FROM usuarios_admin WHERE id = ?', [id]))[0].senha_hash;

  it('records the change, never the password, and answers with a new session', async () => {
    const conta = await account();
    const response = await change(conta.auth, { senha_atual: PASSWORD, nova_senha: 'uma-senha-nova-456' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ token: expect.any(String), expires_in: master.config.JWT_TTL_SECONDS });

    const { body } = await master.http.get(`/usuarios-admin/${conta.id}`).set(master.auth).expect(200);
    expect(body.historico.at(-1)).toEqual({ campo: 'senha', de: null, para: null, autor: conta.email, em: expect.any(String) });
    expect(JSON.stringify(await master.sql('SELECT * FROM usuarios_admin_eventos'))).not.toMatch(/uma-senha-nova|scrypt/);
  });

  it('refuses a wrong current password with 403 and keeps the password and the sessions', async () => {
    const conta = await account();
    const before = await passwordHash(conta.id);
    const response = await change(conta.auth, { senha_atual: 'nao-e-esta-senha', nova_senha: 'uma-senha-nova-456' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('WRONG_PASSWORD');
    expect(await passwordHash(conta.id)).toBe(before);
    await master.http.get('/auth/me').set(conta.auth).expect(200);
  });

  it.each(['Password123!', 'qwertyuiop', 'senha@2024!!', 'Flamengo12345', '11987654321'])(
    'refuses the common password %s with 422 WEAK_PASSWORD',
    async (nova) => {
      const conta = await account();
      const before = await passwordHash(conta.id);
      const response = await change(conta.auth, { senha_atual: PASSWORD, nova_senha: nova });
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringContaining('mais usadas') });
      expect(await passwordHash(conta.id)).toBe(before);
    },
  );

  it('limits guesses of the current password like login attempts (429 with Retry-After)', async () => {
    const conta = await account();
    for (let i = 0; i < 3; i++)
      expect((await change(conta.auth, { senha_atual: `errada-${i}`, nova_senha: 'uma-senha-nova-456' })).status).toBe(403);
    const limited = await change(conta.auth, { senha_atual: PASSWORD, nova_senha: 'uma-senha-nova-456' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each<[string, unknown]>([
    ['a short new password', { senha_atual: PASSWORD, nova_senha: 'curta' }],
    ['a 10 kB new password', { senha_atual: PASSWORD, nova_senha: 'n'.repeat(10_000) }],
    ['a missing current password', { nova_senha: 'uma-senha-nova-456' }],
    ['a number as password', { senha_atual: PASSWORD, nova_senha: 12345678901 }],
    ['an unknown field', { senha_atual: PASSWORD, nova_senha: 'uma-senha-nova-456', email: 'outro@helix.test' }],
    ['a JSON array', [PASSWORD]],
    ['null', null],
  ])('refuses %s with 400 and changes nothing', async (_label, body) => {
    const conta = await account();
    const before = await passwordHash(conta.id);
    const response = await change(conta.auth, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toMatch(/VALIDATION_FAILED|INVALID_JSON/);
    expect(await passwordHash(conta.id)).toBe(before);
  });
});
