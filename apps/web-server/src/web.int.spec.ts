import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { closeInOrder, rootSql, spawnMaster, spawnRobot, type SpawnedMaster, type SpawnedRobot } from '@helix/testing';
import request from 'supertest';
import { ECHO_VISITOR_TOKEN, startEchoUpstream, type SeenRequest } from './testing/echo-upstream';
import { FIXTURE_ASSET, FIXTURE_INDEX, fixtureDist } from './testing/fixture-dist';
import { startTestWeb } from './testing/start-test-web';

let master: SpawnedMaster;
let robot: SpawnedRobot;
let echo: Awaited<ReturnType<typeof startEchoUpstream>>;
let web: Awaited<ReturnType<typeof startTestWeb>>;
let dist: ReturnType<typeof fixtureDist>;
const apiKeys = new Map<string, string>();

/** A browser on `host`: its requests carry that Host and, when they change something, that Origin. */
const on = (host: string) => ({
  get: (path: string) => request(web.url).get(path).set('Host', host),
  post: (path: string) => request(web.url).post(path).set('Host', host).set('Origin', `http://${host}`),
  patch: (path: string) => request(web.url).patch(path).set('Host', host).set('Origin', `http://${host}`),
});
const seenFor = (tenantKey: string): SeenRequest[] => echo.seen.filter((seen) => seen.headers['x-tenant-key'] === tenantKey);
const cookieNamed = (response: request.Response, name: string) =>
  ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${name}=`));

async function onboard(key: string, robo: 'carros' | 'imoveis', extra: { dominio?: string } = {}) {
  const created = await master.admin('POST', '/tenants', { tenant_key: key, nome: `Loja ${key}`, robo_tipo: robo, plano_id: 1, ...extra });
  if (created.status !== 201) throw new Error(`onboarding ${key}: ${created.status} ${JSON.stringify(created.body)}`);
  apiKeys.set(key, created.body.api_key);
}

const activate = (keys: string[]) =>
  rootSql(
    `UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id SET a.status = 'active', a.data_inicio = NOW(), a.data_fim = NULL
      WHERE t.tenant_key IN (?)`,
    [keys],
    master.masterDb,
  );

const addCar = (key: string, modelo: string) =>
  request(robot.url)
    .post('/veiculos')
    .set({ 'X-Tenant-Key': key, Authorization: `Bearer ${apiKeys.get(key)}` })
    .send({ marca: 'Fiat', modelo, ano: 2022, preco: 50000 })
    .expect(201);

/** A body streamed in chunks, with no Content-Length, as a browser's upload may come. */
function streamedPost(path: string, host: string, chunks: Buffer[], contentType: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const url = new URL(path, web.url);
    const outgoing = http.request(url, {
      method: 'POST',
      headers: { host, origin: `http://${host}`, 'content-type': contentType, 'transfer-encoding': 'chunked' },
    });
    outgoing.on('response', (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (part: Buffer) => parts.push(part));
      answer.on('end', () => resolve({ status: answer.statusCode!, body: JSON.parse(Buffer.concat(parts).toString() || 'null') }));
    });
    // The web service may answer (413) and close before the whole body is sent: what counts is its answer.
    outgoing.on('error', (error) => (outgoing.writableEnded ? undefined : reject(error)));
    (async () => {
      for (const chunk of chunks) if (!outgoing.write(chunk)) await new Promise((r) => outgoing.once('drain', r));
      outgoing.end();
    })().catch(() => undefined);
  });
}

beforeAll(async () => {
  master = await spawnMaster();
  dist = fixtureDist();
  [echo, robot] = await Promise.all([startEchoUpstream(), spawnRobot(master, 'carros', { TRUST_PROXY: 'loopback' })]);
  for (const [key, robo, extra] of [
    ['garage_alpha', 'carros', { dominio: 'feiraoalpha.com.br' }],
    ['garage_beta', 'carros', {}],
    ['garage_off', 'carros', {}],
    ['imob_echo', 'imoveis', {}],
    ['imob_off', 'imoveis', {}],
  ] as const) {
    await onboard(key, robo, extra);
  }
  await activate(['garage_alpha', 'garage_beta', 'garage_off', 'imob_echo']);
  expect((await master.admin('PATCH', '/tenants/garage_off', { status: 'suspended' })).status).toBe(200);
  await addCar('garage_alpha', 'Uno da Alpha');
  await addCar('garage_beta', 'Mobi da Beta');
  web = await startTestWeb({
    MASTER_URL: master.url,
    SERVICE_TOKEN: master.serviceTokens.web,
    ROBOT_URLS: `carros-api=${robot.url},imoveis-api=${echo.url}`,
    WEB_DIST_DIR: dist.dir,
    LOJA_CACHE_TTL_MS: '300',
    UPSTREAM_TIMEOUT_MS: '1000',
  });
}, 120_000);

afterAll(async () => {
  await closeInOrder(web, robot, echo, master);
  dist?.remove();
});

describe('stores by Host', () => {
  it('finds the store by its subdomain and by its custom domain, with its public facts only', async () => {
    const bySubdomain = await on('garage-alpha.localhost:3003').get('/api/loja').expect(200);
    const byDomain = await on('feiraoalpha.com.br').get('/api/loja').expect(200);
    expect(byDomain.body).toEqual(bySubdomain.body);
    expect(bySubdomain.body).toEqual({
      tenant_key: 'garage_alpha',
      nome: 'Loja garage_alpha',
      vertical: 'carros',
      status_loja: 'aberta',
      logo_url: null,
      cor_primaria: null,
    });
    expect(bySubdomain.headers['cache-control']).toBe('no-store');
  });

  it('shows a suspended (or unpaid) store as unavailable and refuses its other calls without reaching the robot', async () => {
    for (const host of ['garage-off.localhost', 'imob-off.localhost']) {
      expect((await on(host).get('/api/loja').expect(200)).body.status_loja).toBe('indisponivel');
    }
    for (const [host, path] of [
      ['garage-off.localhost', '/api/veiculos'],
      ['imob-off.localhost', '/api/imoveis'],
    ]) {
      const refused = await on(host).get(path);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({ code: 'LOJA_INDISPONIVEL', message: 'Esta loja está indisponível no momento.' });
    }
    expect((await on('imob-off.localhost').post('/api/visitante/sessao').send({})).status).toBe(403);
    expect(seenFor('imob_off')).toEqual([]);
  });

  it('answers an unknown store with 404 JSON on /api, and with the SPA page and status 404 elsewhere', async () => {
    const api = await on('nao-existe.localhost').get('/api/loja');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('TENANT_NOT_FOUND');
    await on('nao-existe.localhost').get('/api/veiculos').expect(404);
    for (const host of ['nao-existe.localhost', 'localhost:3003', 'loja.desconhecida.com.br']) {
      const page = await on(host).get('/veiculos/12');
      expect([host, page.status, page.type]).toEqual([host, 404, 'text/html']);
      expect(page.text).toBe(FIXTURE_INDEX);
    }
  });

  it('serves the SPA for every page of a store, under the strict CSP, never cached, and its hashed assets for good', async () => {
    const page = await on('garage-alpha.localhost').get('/veiculos/1').expect(200);
    expect(page.text).toBe(FIXTURE_INDEX);
    expect(page.headers['cache-control']).toBe('no-store');
    const csp = page.headers['content-security-policy'];
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' https: data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-frame-options']).toBe('DENY');
    // The SPA's first request starts while its script downloads; the console and unknown stores have no store to ask for.
    expect(page.headers.link).toBe('</api/loja>; rel=preload; as=fetch; crossorigin');
    const consolePage = await on('admin.localhost').get('/clientes').expect(200);
    expect(consolePage.headers['content-security-policy']).toBe(csp);
    expect(consolePage.headers.link).toBeUndefined();
    expect((await on('nao-existe.localhost').get('/').expect(404)).headers.link).toBeUndefined();

    const asset = await on('garage-alpha.localhost').get('/assets/app-3f2a1b.js').expect(200);
    expect(asset.text).toBe(FIXTURE_ASSET);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await on('garage-alpha.localhost').get('/assets/app-000000.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers hostile Host headers with 400 or 404, as JSON on /api, never 500', async () => {
    for (const host of [
      'a..b.localhost',
      '[::1]:3003',
      '127.0.0.1:3003',
      `${'x'.repeat(300)}.com`,
      'foo.bar.localhost',
      'evil_host',
      '-x.localhost',
      'admin',
    ]) {
      const api = await on(host).get('/api/loja');
      expect([host, api.status === 400 || api.status === 404, api.body.error?.code !== undefined]).toEqual([host, true, true]);
      const page = await on(host).get('/');
      expect([host, page.status === 400 || page.status === 404]).toEqual([host, true]);
    }
    await on('garage-alpha.localhost').get('/health').expect(200);
  });
});

describe('the API of a store, through its robot', () => {
  it("passes the catalogue to the store's own tenant only", async () => {
    const models = async (host: string) =>
      (await on(host).get('/api/veiculos').expect(200)).body.veiculos.map((car: { modelo: string }) => car.modelo);
    expect(await models('garage-alpha.localhost')).toEqual(['Uno da Alpha']);
    expect(await models('garage-beta.localhost')).toEqual(['Mobi da Beta']);
    // A browser naming another tenant, or bringing an API key, changes nothing.
    const spoofed = await on('garage-beta.localhost')
      .get('/api/veiculos')
      .set('X-Tenant-Key', 'garage_alpha')
      .set('Authorization', `Bearer ${apiKeys.get('garage_alpha')}`)
      .expect(200);
    expect(spoofed.body.veiculos.map((car: { modelo: string }) => car.modelo)).toEqual(['Mobi da Beta']);
  });

  it("never lets the browser's Authorization, X-Tenant-Key, other cookies or claimed address reach the robot", async () => {
    const answer = await on('imob-echo.localhost')
      .post('/api/imoveis?pagina=2')
      .set('Authorization', 'Bearer do-navegador')
      .set('X-Tenant-Key', 'garage_alpha')
      .set('X-Forwarded-For', '6.6.6.6')
      .set('Cookie', 'outro=1; helix_equipe=equipe.token.assinado; helix_admin=admin.token')
      .send({ titulo: 'Casa' })
      .expect(200);
    const seen: SeenRequest = answer.body;
    // Only reading the store is the web service's own: the owner's changes to its look go to the robot.
    const look = await on('imob-echo.localhost').patch('/api/loja').send({ cor_primaria: '#112233' }).expect(200);
    expect(look.body).toMatchObject({ method: 'PATCH', url: '/loja' });
    expect(seen).toMatchObject({ method: 'POST', url: '/imoveis?pagina=2' });
    expect(seen.headers).toMatchObject({
      'x-tenant-key': 'imob_echo',
      authorization: 'Bearer equipe.token.assinado',
      'x-forwarded-for': '127.0.0.1',
      'content-type': 'application/json',
    });
    expect(seen.headers.cookie).toBeUndefined();
    expect(JSON.stringify(seen.headers)).not.toMatch(/6\.6\.6\.6|do-navegador|admin\.token|outro/);
    expect(answer.headers['set-cookie']).toBeUndefined();

    // Visitor calls carry the visitor's session, never the staff's.
    const visitor = await on('imob-echo.localhost')
      .get('/api/visitante/conversa')
      .set('Cookie', `helix_equipe=equipe.token.assinado; helix_visitante=${ECHO_VISITOR_TOKEN}`)
      .expect(200);
    expect(visitor.body.headers.authorization).toBe(`Bearer ${ECHO_VISITOR_TOKEN}`);
    const noVisitor = await on('imob-echo.localhost')
      .get('/api/visitante/conversa')
      .set('Cookie', 'helix_equipe=equipe.token.assinado')
      .expect(200);
    expect(noVisitor.body.headers.authorization).toBeUndefined();
  });

  it('keeps the visitor session in an httpOnly, SameSite=Strict cookie and its token out of the JSON', async () => {
    const created = await on('imob-echo.localhost').post('/api/visitante/sessao').send({}).expect(201);
    expect(created.body).toEqual({ expira_em: expect.any(String), visitante_id: 'v-1' });
    expect(JSON.stringify(created.body)).not.toContain(ECHO_VISITOR_TOKEN);
    const cookie = cookieNamed(created, 'helix_visitante')!;
    expect(cookie).toContain(`helix_visitante=${ECHO_VISITOR_TOKEN}`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBeGreaterThan(30 * 86_400 - 60);
    expect(maxAge).toBeLessThanOrEqual(30 * 86_400);
  });

  it("opens a visitor session with the store's robot that only this store's pages carry, the token never shown", async () => {
    const created = await on('garage-alpha.localhost').post('/api/visitante/sessao').send({}).expect(201);
    expect(created.body.token).toBeUndefined();
    expect(created.body).toMatchObject({ expira_em: expect.any(String), visitante_id: expect.any(String) });
    const session = cookieNamed(created, 'helix_visitante')!.split(';')[0];

    const conversa = await on('garage-alpha.localhost').get('/api/visitante/conversa').set('Cookie', session).expect(200);
    expect(conversa.body.conversa).toBeNull();
    await on('garage-alpha.localhost').get('/api/visitante/conversa').expect(401);
    // The same cookie on another store's host is that store's robot's to refuse: it was issued for garage_alpha.
    await on('garage-beta.localhost').get('/api/visitante/conversa').set('Cookie', session).expect(401);
  });

  it('refuses changes that do not come from a page of the same origin, before the robot sees them', async () => {
    const before = seenFor('imob_echo').length;
    for (const origin of [undefined, 'http://evil.example.com', 'http://garage-alpha.localhost', 'https://imob-echo.localhost']) {
      const attempt = request(web.url).post('/api/visitante/sessao').set('Host', 'imob-echo.localhost');
      const response = await (origin ? attempt.set('Origin', origin) : attempt).send({});
      expect([origin, response.status, response.body.error?.code]).toEqual([origin, 403, 'ORIGEM_INVALIDA']);
    }
    expect(seenFor('imob_echo').length).toBe(before);
  });

  it('streams a multipart upload to the robot intact, and refuses bodies over the limits with 413', async () => {
    const chunks = Array.from({ length: 48 }, () => randomBytes(64 * 1024)); // 3 MiB
    const sha256 = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const upload = await streamedPost('/api/imoveis/1/fotos/arquivo', 'imob-echo.localhost', chunks, 'multipart/form-data; boundary=xyz');
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ url: '/imoveis/1/fotos/arquivo', bytes: 3 * 1024 * 1024, sha256 });

    const before = seenFor('imob_echo').length;
    const tooBig = await streamedPost(
      '/api/imoveis/1/fotos/arquivo',
      'imob-echo.localhost',
      Array.from({ length: 7 * 16 }, () => randomBytes(64 * 1024)),
      'multipart/form-data; boundary=xyz',
    );
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const bigJson = await on('imob-echo.localhost')
      .post('/api/imoveis')
      .send({ descricao: 'x'.repeat(200 * 1024) });
    expect([bigJson.status, bigJson.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // The chunked one was cut off upstream at the limit: the robot never received a whole request.
    expect(seenFor('imob_echo').length).toBe(before);
  });

  it('answers 503 ROBO_INDISPONIVEL when the robot cannot be reached or stays silent', async () => {
    const slow = await on('imob-echo.localhost').get('/api/lento');
    expect([slow.status, slow.body.error.code]).toEqual([503, 'ROBO_INDISPONIVEL']);

    const closedPort = await startTestWeb({
      MASTER_URL: master.url,
      SERVICE_TOKEN: master.serviceTokens.web,
      ROBOT_URLS: 'carros-api=http://127.0.0.1:9,imoveis-api=http://127.0.0.1:9',
      WEB_DIST_DIR: dist.dir,
    });
    try {
      const down = await request(closedPort.url).get('/api/veiculos').set('Host', 'garage-alpha.localhost');
      expect(down.status).toBe(503);
      expect(down.body.error).toEqual({ code: 'ROBO_INDISPONIVEL', message: 'A loja não respondeu. Tente novamente em instantes.' });
      // Logging out forgets the staff session even when the robot cannot be told.
      const logout = await request(closedPort.url)
        .post('/api/equipe/logout')
        .set({ Host: 'garage-alpha.localhost', Origin: 'http://garage-alpha.localhost', Cookie: 'helix_equipe=equipe.token.assinado' });
      expect(logout.status).toBe(503);
      expect(cookieNamed(logout, 'helix_equipe')).toMatch(/helix_equipe=;.*Expires=Thu, 01 Jan 1970.*HttpOnly/);
    } finally {
      await closedPort.close();
    }
  });

  it('limits lookups of stores it does not know per client address, as the robots do', async () => {
    const gated = await startTestWeb({
      MASTER_URL: master.url,
      SERVICE_TOKEN: master.serviceTokens.web,
      WEB_DIST_DIR: dist.dir,
      UNKNOWN_TENANT_LOOKUPS_PER_ADDRESS: '4',
      TRUST_PROXY: 'loopback',
    });
    try {
      const lookup = (n: number, address: string) =>
        request(gated.url).get('/api/loja').set('Host', `sem-loja-${n}.localhost`).set('X-Forwarded-For', address);
      const known = () => request(gated.url).get('/api/loja').set('Host', 'garage-alpha.localhost').set('X-Forwarded-For', '10.0.0.1');
      await known().expect(200);
      const statuses: number[] = [];
      for (let n = 0; n < 8; n++) statuses.push((await lookup(n, '10.0.0.1')).status);
      expect(statuses.slice(0, 2)).toEqual([404, 404]);
      expect(statuses).toContain(429);
      const refused = await lookup(99, '10.0.0.1');
      expect([refused.status, refused.body.error.code, refused.headers['retry-after']]).toEqual([429, 'RATE_LIMITED', expect.any(String)]);
      await lookup(100, '10.0.0.2').expect(404);
      // A store this instance knows costs no lookup: still served to the address refused for unknown ones.
      await known().expect(200);
    } finally {
      await gated.close();
    }
  });
});

describe('the admin host, through the master', () => {
  it('logs in with an httpOnly cookie, whose session the master checks, and logs out whatever happens', async () => {
    const admin = on('admin.localhost');
    const login = await admin.post('/api/auth/login').send({ email: 'admin@helix.test', password: 'senha-de-teste-123' }).expect(200);
    expect(login.body.token).toBeUndefined();
    expect(login.body.expires_in).toEqual(expect.any(Number));
    const cookie = cookieNamed(login, 'helix_admin')!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    const session = cookie.split(';')[0];

    const tenants = await admin.get('/api/tenants').set('Cookie', session).expect(200);
    expect(tenants.body.total).toBe(5);
    await admin.get('/api/tenants').expect(401);
    // An admin token sent by a script, not by our cookie, is dropped.
    await admin
      .get('/api/tenants')
      .set('Authorization', `Bearer ${session.split('=')[1]}`)
      .expect(401);

    const logout = await admin.post('/api/auth/logout').set('Cookie', session).expect(204);
    expect(cookieNamed(logout, 'helix_admin')).toMatch(/helix_admin=;.*Expires=Thu, 01 Jan 1970/);
    await admin.get('/api/tenants').set('Cookie', session).expect(401);
  });
});

describe('while the master is down', () => {
  it('keeps serving the stores it knows, and answers 503 for the others and for the admin API', async () => {
    await on('garage-alpha.localhost').get('/api/loja').expect(200);
    await master.stop();
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the cache's TTL: only the stale answer is left
    try {
      expect((await on('garage-alpha.localhost').get('/api/loja').expect(200)).body.tenant_key).toBe('garage_alpha');
      await on('garage-alpha.localhost').get('/').expect(200);
      const unknown = await on('nunca-vista.localhost').get('/api/loja');
      expect([unknown.status, unknown.body.error.code]).toEqual([503, 'MASTER_UNAVAILABLE']);
      const admin = await on('admin.localhost').get('/api/tenants');
      expect([admin.status, admin.body.error.code]).toEqual([503, 'MASTER_INDISPONIVEL']);
    } finally {
      await master.start();
    }
  });
});
