import { startTestMaster, type TestMaster } from '../testing/test-master';

describe('login limits', () => {
  let master: TestMaster;
  beforeAll(async () => {
    // Behind a proxy (TRUST_PROXY) each X-Forwarded-For is a client address of its own.
    master = await startTestMaster({
      env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_EMAIL: '4', LOGIN_MAX_FAILURES_PER_IP: '10', LOGIN_WINDOW_SECONDS: '900' },
    });
  });
  afterAll(() => master.close());

  /** A viewer of its own per test: failures on one e-mail slow down every later attempt on it. */
  const PASSWORD = 'senha-certa-123';
  const viewer = async (email: string) => {
    await master.http.post('/usuarios-admin').set(master.auth).send({ email, nome: email, password: PASSWORD, role: 'viewer' }).expect(201);
    return email;
  };
  const login = (from: string, password: string, email: string) =>
    master.http.post('/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('lets the rightful admin in from a clean address after failures on its e-mail from many others: slowed down, not locked out', async () => {
    const email = await viewer('alvo1@helix.test');
    for (let i = 1; i <= 7; i++) expect((await login(`10.1.0.${i}`, `errada-${i}`, email)).status).toBe(401);
    const started = Date.now();
    const rightful = await login('10.1.0.99', PASSWORD, email);
    expect(rightful.status).toBe(200);
    // 7 recent failures on the e-mail, 4 free: held back (100 ms doubling), then let in.
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('refuses an address + e-mail pair after its failures (429 with Retry-After), while another address still logs in', async () => {
    const email = await viewer('alvo2@helix.test');
    for (let i = 0; i < 4; i++) expect((await login('10.2.0.1', `errada-${i}`, email)).status).toBe(401);
    const locked = await login('10.2.0.1', PASSWORD, email);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('10.2.0.2', PASSWORD, email)).status).toBe(200);
  });

  it('counts concurrent attempts from one address before verifying them: no burst slips past the limit', async () => {
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => login('10.3.0.1', `errada-${i}`, `alvo${i}@helix.test`)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('does not count successful logins against the address', async () => {
    const email = await viewer('alvo4@helix.test');
    for (let i = 0; i < 15; i++) expect((await login('10.4.0.1', PASSWORD, email)).status).toBe(200);
  });
});
