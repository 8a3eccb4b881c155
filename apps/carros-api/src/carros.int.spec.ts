import { masterSql, onboardActiveTenant, slotInDays, tenantSql, useRobotPlatform, type OnboardedTenant } from '@helix/robot-core/testing';
import { eventually, redoclyProblems } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

const platform = useRobotPlatform(carrosRobot);
let alpha: OnboardedTenant;
let beta: OnboardedTenant;

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });

beforeAll(async () => {
  const { master } = platform();
  alpha = await onboardActiveTenant(master, 'garage_alpha', 'carros');
  beta = await onboardActiveTenant(master, 'garage_beta', 'carros');
});

describe('carros-api veículos', () => {
  it('creates a car and lists it in Portuguese with its photos, on the storefront without a key', async () => {
    const { robot } = platform();
    const created = await request(robot.url)
      .post('/veiculos')
      .set(as(alpha))
      .send({ marca: 'Toyota', modelo: 'Corolla XEi', ano: 2022, preco: 118900, km: 32000, cor: 'Prata', cambio: 'Automático' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      marca: 'Toyota',
      modelo: 'Corolla XEi',
      ano: 2022,
      preco: 118900,
      status: 'disponivel',
      fotos: [],
    });
    const photo = await request(robot.url)
      .post(`/veiculos/${created.body.id}/fotos`)
      .set(as(alpha))
      .send({ url: 'https://cdn.example.com/c1.jpg', principal: true });
    expect(photo.status).toBe(201);

    const list = await request(robot.url).get('/veiculos').set('X-Tenant-Key', alpha.key);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, tenant: 'Loja garage_alpha', paginacao: { total: 1 } });
    expect(list.body.veiculos[0]).toMatchObject({ marca: 'Toyota', fotos: [{ url: 'https://cdn.example.com/c1.jpg', principal: true }] });
  });

  it('filters by price range and sorts by ordem on the storefront', async () => {
    const { robot } = platform();
    const stock = [
      { marca: 'Fiat', modelo: 'Uno', ano: 2012, preco: 28000, km: 150000 },
      { marca: 'Jeep', modelo: 'Compass', ano: 2023, preco: 165000, km: 9000 },
      { marca: 'VW', modelo: 'Gol', ano: 2018, preco: 52000 },
    ];
    for (const car of stock) await request(robot.url).post('/veiculos').set(as(beta)).send(car).expect(201);
    const modelos = async (query: string) => {
      const response = await request(robot.url).get(`/veiculos?${query}`).set('X-Tenant-Key', beta.key);
      expect(response.status).toBe(200);
      return response.body.veiculos.map((v: { modelo: string }) => v.modelo);
    };
    expect(await modelos('ordem=menor_preco')).toEqual(['Uno', 'Gol', 'Compass']);
    expect(await modelos('ordem=maior_preco')).toEqual(['Compass', 'Gol', 'Uno']);
    expect(await modelos('ordem=mais_novos')).toEqual(['Compass', 'Gol', 'Uno']);
    expect(await modelos('ordem=menor_km')).toEqual(['Compass', 'Uno', 'Gol']); // no mileage: last
    expect(await modelos('preco_min=30000&preco_max=200000&ordem=menor_preco')).toEqual(['Gol', 'Compass']);
    expect((await request(robot.url).get('/veiculos?preco_min=9&preco_max=1').set('X-Tenant-Key', beta.key)).status).toBe(400);
    expect((await request(robot.url).get('/veiculos?ordem=price').set('X-Tenant-Key', beta.key)).status).toBe(400);
  });

  it('answers a chat from this tenant’s own inventory and stores both messages', async () => {
    const { master, robot } = platform();
    const chat = await request(robot.url)
      .post('/chat')
      .set(as(alpha))
      .send({ telefone: '11 98765-4321', mensagem: 'Vocês têm Corolla?', nome: 'João' });
    expect(chat.status).toBe(200);
    expect(chat.body.resposta).toContain('Corolla');
    expect(chat.body.tokens).toBeGreaterThan(0);
    const conversa = await request(robot.url).get(`/conversas/${chat.body.conversa_id}`).set(as(alpha));
    expect(conversa.body).toMatchObject({ status: 'em_andamento', ultima_mensagem: chat.body.resposta });
    expect(conversa.body.mensagens.map((m: { tipo: string }) => m.tipo)).toEqual(['recebida', 'enviada']);
    // The background shipper delivers the usage event and clears the outbox.
    const outboxEmpty = async () =>
      (await tenantSql<{ n: number }[]>(master, 'carros', alpha.key, 'SELECT COUNT(*) AS n FROM _usage_outbox'))[0].n === 0;
    await eventually(outboxEmpty, 5_000, 'usage event shipped');
    const [uso] = await masterSql<{ mensagens_usadas: number; tokens_usados: number }[]>(
      master,
      'SELECT mensagens_usadas, tokens_usados FROM uso_tokens WHERE tenant_id = ?',
      [alpha.id],
    );
    expect(uso).toEqual({ mensagens_usadas: 1, tokens_usados: chat.body.tokens });
  });

  it('refuses another tenant’s API key with 403', async () => {
    const { robot } = platform();
    const response = await request(robot.url)
      .get('/clientes')
      .set({ 'X-Tenant-Key': beta.key, Authorization: `Bearer ${alpha.apiKey}` });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('API_KEY_FORBIDDEN');
  });
});

describe('carros-api agendamentos under concurrency', () => {
  const slot = (hour: number) => slotInDays(30, `${String(hour).padStart(2, '0')}:00`);

  it('books and reschedules one car from many requests at once: each slot taken once, the others 409, never a 500', async () => {
    const { master, robot } = platform();
    const car = await request(robot.url).post('/veiculos').set(as(beta)).send({ marca: 'Fiat', modelo: 'Pulse', ano: 2024, preco: 99900 });
    const cliente = await request(robot.url).post('/clientes').set(as(beta)).send({ telefone: '11977776666', nome: 'Rita' });
    const book = (hour: number) =>
      request(robot.url)
        .post('/agendamentos')
        .set(as(beta))
        .send({ cliente_id: cliente.body.id, veiculo_id: car.body.id, tipo: 'test_drive', data_agendada: slot(hour) });
    const first = await Promise.all([9, 10, 11, 12].map(book));
    const ids: number[] = first.map((r) => r.body.id);
    // Every booking moved into its neighbour's slot while new bookings ask for the same slots.
    const responses = await Promise.all([
      ...ids.map((id, i) =>
        request(robot.url)
          .patch(`/agendamentos/${id}`)
          .set(as(beta))
          .send({ data_agendada: slot(9 + ((i + 1) % 4)) }),
      ),
      ...[9, 10, 11, 12, 13, 13, 14, 14].map(book),
    ]);
    expect(responses.map((r) => r.status).filter((status) => ![200, 201, 409].includes(status))).toEqual([]);
    const active = await tenantSql<{ data_agendada: Date }[]>(
      master,
      'carros',
      beta.key,
      "SELECT data_agendada FROM agendamentos WHERE status <> 'cancelado'",
    );
    const slots = active.map((row) => row.data_agendada.toISOString());
    expect(new Set(slots).size).toBe(slots.length);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(2); // 13h and 14h, once each
  });
});

describe('carros-api /docs', () => {
  it("passes Redocly's recommended rules with no error, public routes saying they need no credential", async () => {
    const { robot } = platform();
    const { body } = await request(robot.url).get('/docs').expect(200);
    expect((await redoclyProblems(body)).filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(body.paths['/veiculos'].get.security).toEqual([]);
    expect(body.paths['/veiculos'].post.security).toEqual([{ tenantApiKey: [] }]);
    expect(body.paths['/visitante/sessao'].post.security).toEqual([]);
    expect(body.paths['/visitante/chat'].post.security).toEqual([{ visitorSession: [] }]);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['serviceToken', 'staffSession', 'tenantApiKey', 'visitorSession']);
  });
});

describe('carros-api HTTP caching', () => {
  it('lets shared caches keep the public catalogue briefly, one copy per store, and answers an unchanged page 304', async () => {
    const { robot } = platform();
    const first = await request(robot.url).get('/veiculos').set('X-Tenant-Key', alpha.key).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=15');
    expect(first.headers.vary).toBe('Host, X-Tenant-Key');
    expect(first.headers.etag).toBeDefined();
    await request(robot.url).get('/veiculos').set({ 'X-Tenant-Key': alpha.key, 'If-None-Match': first.headers.etag }).expect(304);
    // Another store's page is another copy: its own ETag.
    const beta = await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'garage_beta').expect(200);
    expect(beta.headers.etag).not.toBe(first.headers.etag);
    // A change makes the old ETag stale.
    await request(robot.url)
      .post('/veiculos')
      .set(as(alpha))
      .send({ marca: 'Renault', modelo: 'Kwid', ano: 2024, preco: 69900 })
      .expect(201);
    await request(robot.url).get('/veiculos').set({ 'X-Tenant-Key': alpha.key, 'If-None-Match': first.headers.etag }).expect(200);
  });

  it('says no-store on every answer with a key or personal data, and on errors of the catalogue', async () => {
    const { robot } = platform();
    for (const response of [
      await request(robot.url).get('/clientes').set(as(alpha)),
      await request(robot.url).get('/veiculos/999999').set('X-Tenant-Key', alpha.key),
      await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'nao_existe'),
      await request(robot.url).post('/chat').set(as(alpha)).send({ telefone: '11955554444', mensagem: 'Oi' }),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });
});
