import { createHash } from 'node:crypto';
import { spawnMaster, type SpawnedMaster } from '@helix/testing';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { produtosRobot } from '../testing/produtos-robot';
import { onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '../testing/test-platform';

const SENHA = 'cavalo-correto-bateria-7';
const inviteToken = (url: string) => url.split('#')[1];

describe('the store staff (/equipe) and its sessions on the back office', () => {
  let master: SpawnedMaster;
  let robot: TestRobot;
  let lojaA: OnboardedTenant;
  let lojaB: OnboardedTenant;
  let ownerA: string;
  let ownerB: string;

  const api = () => request(robot.url);
  /** Requests from one client address each (the robot trusts X-Forwarded-For here), so limits of one test do not touch another. */
  const as = (tenant: OnboardedTenant, token?: string, from = '10.0.0.1') => ({
    'X-Tenant-Key': tenant.key,
    'X-Forwarded-For': from,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
  const login = (tenant: OnboardedTenant, email: string, senha: string, from?: string) =>
    api()
      .post('/equipe/login')
      .set(as(tenant, undefined, from))
      .send({ email, senha });
  const accept = (tenant: OnboardedTenant, url: string, senha = SENHA) =>
    api()
      .post('/equipe/convite/aceitar')
      .set(as(tenant))
      .send({ token: inviteToken(url), senha });
  /** An owner invites someone; the invite is accepted; answers the new member's session token and id. */
  const hire = async (tenant: OnboardedTenant, owner: string, email: string, papel: 'dono' | 'vendedor') => {
    const created = await api()
      .post('/equipe/usuarios')
      .set(as(tenant, owner))
      .send({ email, nome: `Pessoa ${email}`, papel })
      .expect(201);
    const accepted = await accept(tenant, created.body.convite_url).expect(200);
    return { token: accepted.body.token as string, id: created.body.usuario.id as number };
  };

  beforeAll(async () => {
    master = await spawnMaster();
    robot = await startTestRobot(produtosRobot, master, {
      env: { TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_FAILURES_PER_IP: '8' },
    });
    lojaA = await onboardActiveTenant(master, 'loja_a', 'carros', { emailResponsavel: 'Dono@LojaA.test' });
    lojaB = await onboardActiveTenant(master, 'loja_b', 'carros', { emailResponsavel: 'dono@lojab.test' });
    ownerA = (await accept(lojaA, lojaA.conviteUrl!).expect(200)).body.token;
    ownerB = (await accept(lojaB, lojaB.conviteUrl!).expect(200)).body.token;
  });
  afterAll(async () => {
    await robot?.close();
    await master?.close();
  });

  it('onboarding invites the owner with a one-time link on the store origin; only its hash is stored', async () => {
    expect(lojaA.conviteUrl).toMatch(/^http:\/\/loja-a\.localhost:3003\/painel\/convite#[A-Za-z0-9_-]{43}$/);
    const rows = await tenantSql<{ email: string; papel: string; convite_hash: string | null; senha_hash: string }[]>(
      master,
      'carros',
      'loja_b',
      'SELECT email, papel, convite_hash, senha_hash FROM equipe_usuarios',
    );
    // Accepted in beforeAll: the invite is used up, a password set.
    expect(rows).toEqual([{ email: 'dono@lojab.test', papel: 'dono', convite_hash: null, senha_hash: expect.any(String) }]);
    expect(rows[0].senha_hash).not.toContain(SENHA);
    const again = await accept(lojaA, lojaA.conviteUrl!, 'outra-senha-bem-longa-9');
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'INVITE_INVALID', message: expect.stringContaining('Convite') });
  });

  it('lets the owner sign in and manage the catalogue and customers with the staff token, as with the API key', async () => {
    const signedIn = await login(lojaA, 'dono@lojaa.test', SENHA).expect(200);
    expect(signedIn.body).toEqual({
      token: expect.any(String),
      expira_em: expect.any(String),
      usuario: { id: expect.any(Number), email: 'dono@lojaa.test', nome: 'Responsável', papel: 'dono' },
    });
    const hours = (Date.parse(signedIn.body.expira_em) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const token = signedIn.body.token;
    expect((await api().get('/equipe/eu').set(as(lojaA, token)).expect(200)).body).toEqual(signedIn.body.usuario);
    const produto = await api().post('/produtos').set(as(lojaA, token)).send({ nome: 'Vaso da equipe', preco: 10 }).expect(201);
    expect((await api().get(`/produtos/${produto.body.id}`).set(as(lojaA)).expect(200)).body.nome).toBe('Vaso da equipe');
    await api().get('/clientes').set(as(lojaA, token)).expect(200);
    // The API key keeps working as before.
    await api().get('/clientes').set(as(lojaA, lojaA.apiKey)).expect(200);
  });

  it("refuses a staff token of store A on store B with 401, reading or writing nothing of B's", async () => {
    await api().post('/produtos').set(as(lojaB, ownerB)).send({ nome: 'Segredo de B', preco: 1 }).expect(201);
    for (const call of [
      api().get('/clientes').set(as(lojaB, ownerA)),
      api().get('/equipe/eu').set(as(lojaB, ownerA)),
      api().get('/equipe/usuarios').set(as(lojaB, ownerA)),
      api().post('/produtos').set(as(lojaB, ownerA)).send({ nome: 'Intruso', preco: 1 }),
    ]) {
      const response = await call;
      expect(response.status).toBe(401);
      expect(Object.keys(response.body)).toEqual(['error']);
      expect(JSON.stringify(response.body)).not.toContain('dono@lojab.test');
    }
    const names = await tenantSql<{ nome: string }[]>(master, 'carros', 'loja_b', 'SELECT model AS nome FROM cars');
    expect(names.map((row) => row.nome)).toContain('Segredo de B');
    expect(names.map((row) => row.nome)).not.toContain('Intruso');
  });

  it('refuses a seller on the owner routes (403) while the seller manages the catalogue; the API key is no staff session', async () => {
    const created = await api()
      .post('/equipe/usuarios')
      .set(as(lojaA, ownerA))
      .send({ email: 'vendedor@lojaa.test', nome: 'Vera', papel: 'vendedor' });
    expect(created.status).toBe(201);
    expect(created.body.convite_url).toMatch(/^http:\/\/loja-a\.localhost:3003\/painel\/convite#[A-Za-z0-9_-]{43}$/);
    expect(created.body.usuario).toMatchObject({ email: 'vendedor@lojaa.test', papel: 'vendedor', ativo: true, convite_pendente: true });
    const seller = (await accept(lojaA, created.body.convite_url).expect(200)).body;
    expect(seller.usuario.papel).toBe('vendedor');

    for (const call of [
      api().get('/equipe/usuarios').set(as(lojaA, seller.token)),
      api().post('/equipe/usuarios').set(as(lojaA, seller.token)).send({ email: 'x@lojaa.test', nome: 'X', papel: 'dono' }),
      api().patch(`/equipe/usuarios/${seller.usuario.id}`).set(as(lojaA, seller.token)).send({ papel: 'dono' }),
    ]) {
      const response = await call;
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('ROLE_FORBIDDEN');
    }
    await api().post('/produtos').set(as(lojaA, seller.token)).send({ nome: 'Prato do vendedor', preco: 5 }).expect(201);
    const byKey = await api().get('/equipe/usuarios').set(as(lojaA, lojaA.apiKey));
    expect(byKey.status).toBe(401);
    expect(byKey.body.error.code).toBe('EQUIPE_AUTH_REQUIRED');
    const duplicate = await api()
      .post('/equipe/usuarios')
      .set(as(lojaA, ownerA))
      .send({ email: 'VENDEDOR@lojaa.test', nome: 'V2', papel: 'vendedor' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
  });

  it('ends one session at logout, and every session of a member when deactivated or given another role', async () => {
    const member = await hire(lojaA, ownerA, 'rodizio@lojaa.test', 'vendedor');
    const other = (await login(lojaA, 'rodizio@lojaa.test', SENHA).expect(200)).body.token;

    await api().post('/equipe/logout').set(as(lojaA, member.token)).expect(204);
    const loggedOut = await api().get('/equipe/eu').set(as(lojaA, member.token));
    expect(loggedOut.status).toBe(401);
    expect(loggedOut.body.error.code).toBe('SESSION_REVOKED');
    await api().get('/clientes').set(as(lojaA, member.token)).expect(401);
    await api().get('/equipe/eu').set(as(lojaA, other)).expect(200);

    const deactivated = await api().patch(`/equipe/usuarios/${member.id}`).set(as(lojaA, ownerA)).send({ ativo: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ id: member.id, ativo: false });
    await api().get('/clientes').set(as(lojaA, other)).expect(401);
    expect((await login(lojaA, 'rodizio@lojaa.test', SENHA, '10.0.5.1')).body.error.code).toBe('INVALID_CREDENTIALS');

    await api().patch(`/equipe/usuarios/${member.id}`).set(as(lojaA, ownerA)).send({ ativo: true }).expect(200);
    const again = (await login(lojaA, 'rodizio@lojaa.test', SENHA, '10.0.5.2').expect(200)).body.token;
    await api().patch(`/equipe/usuarios/${member.id}`).set(as(lojaA, ownerA)).send({ papel: 'dono' }).expect(200);
    await api().get('/equipe/eu').set(as(lojaA, again)).expect(401);
    // A rename ends nothing.
    const renamed = (await login(lojaA, 'rodizio@lojaa.test', SENHA, '10.0.5.3').expect(200)).body.token;
    await api().patch(`/equipe/usuarios/${member.id}`).set(as(lojaA, ownerA)).send({ nome: 'Rodrigo' }).expect(200);
    expect((await api().get('/equipe/eu').set(as(lojaA, renamed)).expect(200)).body).toMatchObject({ nome: 'Rodrigo', papel: 'dono' });
  });

  it('keeps at least one active owner: the last can be neither demoted nor deactivated', async () => {
    const [{ id: onlyOwner }] = await tenantSql<{ id: number }[]>(
      master,
      'carros',
      'loja_b',
      "SELECT id FROM equipe_usuarios WHERE papel = 'dono'",
    );
    for (const patch of [{ papel: 'vendedor' }, { ativo: false }]) {
      const refused = await api().patch(`/equipe/usuarios/${onlyOwner}`).set(as(lojaB, ownerB)).send(patch);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('LAST_OWNER');
    }
    await api().get('/equipe/eu').set(as(lojaB, ownerB)).expect(200);
    const second = await hire(lojaB, ownerB, 'socia@lojab.test', 'dono');
    await api().patch(`/equipe/usuarios/${onlyOwner}`).set(as(lojaB, second.token)).send({ papel: 'vendedor' }).expect(200);
    await api().get('/equipe/usuarios').set(as(lojaB, ownerB)).expect(401);
    await api().patch(`/equipe/usuarios/${second.id}`).set(as(lojaB, second.token)).send({ ativo: false }).expect(409);
  });

  it('limits failed logins per address and e-mail (429 with Retry-After) while another address still signs in', async () => {
    await hire(lojaA, ownerA, 'alvo@lojaa.test', 'vendedor');
    for (let i = 0; i < 3; i++) expect((await login(lojaA, 'alvo@lojaa.test', `errada-${i}-xxxx`, '10.9.0.1')).status).toBe(401);
    const locked = await login(lojaA, 'alvo@lojaa.test', SENHA, '10.9.0.1');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await login(lojaA, 'alvo@lojaa.test', SENHA, '10.9.0.2').expect(200);
    // Counted per store: the same address and e-mail on another store is not held back.
    expect((await login(lojaB, 'alvo@lojaa.test', SENHA, '10.9.0.1')).status).toBe(401);
  });

  it('refuses a short or common password when accepting an invite, and leaves the invite usable', async () => {
    const created = await api()
      .post('/equipe/usuarios')
      .set(as(lojaA, ownerA))
      .send({ email: 'fraca@lojaa.test', nome: 'Fraca', papel: 'vendedor' });
    const short = await accept(lojaA, created.body.convite_url, 'curta');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const common = await accept(lojaA, created.body.convite_url, 'Password123!');
    expect(common.status).toBe(422);
    expect(common.body.error.code).toBe('WEAK_PASSWORD');
    await accept(lojaA, created.body.convite_url).expect(200);
  });

  it('replaces an invite by a new one, and refuses an expired invite', async () => {
    const created = await api()
      .post('/equipe/usuarios')
      .set(as(lojaA, ownerA))
      .send({ email: 'novo@lojaa.test', nome: 'Novo', papel: 'vendedor' });
    const resent = await api().post(`/equipe/usuarios/${created.body.usuario.id}/convite`).set(as(lojaA, ownerA)).expect(200);
    expect(resent.body.convite_url).not.toBe(created.body.convite_url);
    expect((await accept(lojaA, created.body.convite_url)).status).toBe(400);

    const hash = createHash('sha256').update(inviteToken(resent.body.convite_url)).digest('hex');
    await tenantSql(
      master,
      'carros',
      'loja_a',
      'UPDATE equipe_usuarios SET convite_expira_em = NOW(3) - INTERVAL 1 SECOND WHERE convite_hash = ?',
      [hash],
    );
    expect((await accept(lojaA, resent.body.convite_url)).body.error.code).toBe('INVITE_INVALID');
    await api().post('/equipe/usuarios/999999/convite').set(as(lojaA, ownerA)).expect(404);
  });

  it('answers hostile input with a 4xx JSON error', async () => {
    const forged = jwt.sign({ tnt: 'loja_a', typ: 'equipe', ver: 1 }, 'x', { algorithm: 'none' as never, subject: '1' });
    const cases = [
      api()
        .post('/equipe/login')
        .set(as(lojaA))
        .send({ email: { $gt: '' }, senha: SENHA }),
      api()
        .post('/equipe/login')
        .set(as(lojaA))
        .send({ email: 'dono@lojaa.test', senha: 'x'.repeat(10_000) }),
      api().post('/equipe/login').set(as(lojaA)).send({ email: 'dono@lojaa.test', senha: SENHA, admin: true }),
      api().post('/equipe/convite/aceitar').set(as(lojaA)).send({ token: "' OR 1=1 --", senha: SENHA }),
      api().post('/equipe/usuarios').set(as(lojaA, ownerA)).send({ email: 'a@b.test', nome: 'A\u0000', papel: 'dono' }),
      api().post('/equipe/usuarios').set(as(lojaA, ownerA)).send({ email: 'a@b.test', nome: 'A', papel: 'admin' }),
      api().patch('/equipe/usuarios/1%20OR%201=1').set(as(lojaA, ownerA)).send({ nome: 'X' }),
      api().patch('/equipe/usuarios/1').set(as(lojaA, ownerA)).send({}),
      api().get('/equipe/eu').set(as(lojaA, 'aaa.bbb.ccc')),
      api().get('/equipe/eu').set(as(lojaA, forged)),
      api().get('/clientes').set(as(lojaA, forged)),
    ];
    for (const call of cases) {
      const response = await call;
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
  });
});
