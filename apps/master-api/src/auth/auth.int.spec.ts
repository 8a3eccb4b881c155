import jwt from 'jsonwebtoken';
import { startTestMaster, TEST_ADMIN, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('admin authentication', () => {
  let master: TestMaster;
  beforeAll(async () => {
    master = await startTestMaster({ env: { LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_FAILURES_PER_IP: '8', JWT_TTL_SECONDS: '60' } });
  });
  afterAll(() => master.close());

  const claims = () => ({ email: TEST_ADMIN.email, role: 'admin' });
  const signOptions = { subject: '1', issuer: 'helix-master', audience: 'helix-admin' };

  it('logs the bootstrapped admin in with a short-lived HS256 token naming the account, its session version and the session', async () => {
    const response = await master.http.post('/auth/login').send({ email: 'Admin@Helix.test ', password: TEST_ADMIN.password });
    expect(response.status).toBe(200);
    expect(response.body.expires_in).toBe(60);
    const decoded = jwt.decode(response.body.token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(decoded.header.alg).toBe('HS256');
    expect(decoded.payload).toMatchObject({ sub: '1', sv: 1, jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // The role is read from the database on each request, so the token does not carry one.
    expect(decoded.payload.role).toBeUndefined();
    const me = await master.http.get('/auth/me').set('Authorization', `Bearer ${response.body.token}`).expect(200);
    expect(me.body).toEqual({ id: 1, email: TEST_ADMIN.email, nome: 'Administrador', role: 'admin' });
  });

  it('answers a wrong email exactly like a wrong password', async () => {
    const wrongEmail = await master.http.post('/auth/login').send({ email: 'ninguem@helix.test', password: TEST_ADMIN.password });
    const wrongPassword = await master.http.post('/auth/login').send({ email: 'outro@helix.test', password: 'errada-123' });
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.body).toEqual(wrongPassword.body);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a malformed header', 'Token abc'],
    ['a token signed with another secret', () => jwt.sign(claims(), 'outro-segredo-qualquer-1234', signOptions)],
    ['an expired token', () => jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 }, master.config.JWT_SECRET, signOptions)],
    [
      'an unsigned alg:none token',
      () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims(), sub: '1', iss: 'helix-master', aud: 'helix-admin' })}.`,
    ],
    ['a token for another audience', () => jwt.sign(claims(), master.config.JWT_SECRET, { ...signOptions, audience: 'outra' })],
    ['the service token instead of a JWT', () => TEST_SERVICE_TOKENS.carros],
  ])('refuses %s with 401', async (_label, token) => {
    const value = typeof token === 'function' ? token() : token;
    const call = master.http.get('/tenants');
    const response = await (value === undefined ? call : call.set('Authorization', value.startsWith('Token') ? value : `Bearer ${value}`));
    expect(response.status).toBe(401);
    expect(response.body.error.code).toMatch(/AUTH_REQUIRED|INVALID_TOKEN|TOKEN_EXPIRED/);
  });

  it('says an expired session has expired', async () => {
    const expired = jwt.sign({ ...claims(), exp: Math.floor(Date.now() / 1000) - 10 }, master.config.JWT_SECRET, signOptions);
    const response = await master.http.get('/tenants').set('Authorization', `Bearer ${expired}`);
    expect(response.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('lets a viewer read but not write (403)', async () => {
    const viewer = await master.createViewer('viewer@helix.test');
    await master.http.get('/tenants').set(viewer).expect(200);
    const write = await master.http.post('/tenants').set(viewer).send({ tenant_key: 'loja_leitor', nome: 'Loja', robo_tipo: 'carros' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('ROLE_FORBIDDEN');
    expect(await master.sql<unknown[]>('SELECT id FROM tenants')).toEqual([]);
    await master.http
      .post('/usuarios-admin')
      .set(viewer)
      .send({ email: 'x@helix.test', nome: 'X', password: 'senha-longa-123', role: 'admin' })
      .expect(403);
  });

  it('rate-limits failed logins per e-mail, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) {
      await master.http
        .post('/auth/login')
        .send({ email: 'viewer@helix.test', password: `errada-${i}` })
        .expect(401);
    }
    const blocked = await master.http.post('/auth/login').send({ email: 'viewer@helix.test', password: 'senha-do-leitor-1' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // Another account from the same address is not locked out by it.
    await master.http.post('/auth/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }).expect(200);
  });

  it('rate-limits failed logins per IP across e-mails', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await master.http.post('/auth/login').send({ email: `spray${i}@helix.test`, password: 'x' })).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect((await master.http.post('/auth/login').send({ email: TEST_ADMIN.email, password: TEST_ADMIN.password })).status).toBe(429);
  });
});
