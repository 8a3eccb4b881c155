import { onboardActiveTenant, slotInDays, tenantSql, useRobotPlatform, type OnboardedTenant } from '@helix/robot-core/testing';
import { redoclyProblems } from '@helix/testing';
import request from 'supertest';
import { imoveisRobot } from './imoveis.definition';

const platform = useRobotPlatform(imoveisRobot);
/** Back office: CRUD, photos, visitas, validation. */
let alpha: OnboardedTenant;
/** A known stock for filters, pagination and chat, never changed by other tests. */
let vitrine: OnboardedTenant;
let garage: OnboardedTenant;

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });

const apartamentoPinheiros = {
  titulo: 'Apartamento reformado perto do metrô',
  tipo: 'apartamento',
  finalidade: 'venda',
  endereco: 'Rua dos Pinheiros, 1000',
  bairro: 'Pinheiros',
  cidade: 'São Paulo',
  uf: 'SP',
  quartos: 2,
  banheiros: 2,
  vagas: 2,
  area_m2: 68,
  preco: 850000,
  condominio: 1200.5,
};

/** Oldest first, the best chat match oldest of all; `ref` names each one for the assertions. */
const STOCK = [
  { ref: 'pinheiros', ...apartamentoPinheiros },
  {
    ref: 'vendido',
    titulo: 'Cobertura vendida',
    tipo: 'apartamento',
    finalidade: 'venda',
    bairro: 'Pinheiros',
    cidade: 'São Paulo',
    quartos: 3,
    area_m2: 150,
    preco: 1500000,
    status: 'vendido',
  },
  {
    ref: 'moema',
    titulo: 'Apartamento amplo',
    tipo: 'apartamento',
    finalidade: 'venda',
    bairro: 'Moema',
    cidade: 'São Paulo',
    quartos: 3,
    area_m2: 95,
    preco: 1200000,
    vagas: 2,
  },
  {
    ref: 'casa',
    titulo: 'Casa com quintal',
    tipo: 'casa',
    finalidade: 'venda',
    bairro: 'Pinheiros',
    cidade: 'São Paulo',
    quartos: 4,
    area_m2: 220,
    preco: 2500000,
    vagas: 3,
  },
  {
    ref: 'studio',
    titulo: 'Studio mobiliado',
    tipo: 'apartamento',
    finalidade: 'aluguel',
    bairro: 'Centro',
    cidade: 'Campinas',
    quartos: 1,
    area_m2: 45,
    preco: 2800,
    vagas: 1,
    condominio: 450,
  },
  {
    ref: 'terreno',
    titulo: 'Terreno plano',
    tipo: 'terreno',
    finalidade: 'venda',
    bairro: 'Barão Geraldo',
    cidade: 'Campinas',
    area_m2: 500,
    preco: 300000,
  },
  {
    ref: 'loja',
    titulo: 'Loja de rua',
    tipo: 'comercial',
    finalidade: 'aluguel',
    bairro: 'Pinheiros',
    cidade: 'São Paulo',
    area_m2: 120,
    preco: 9000,
  },
];
const ids: Record<string, number> = {};

beforeAll(async () => {
  const { master, robot } = platform();
  [alpha, vitrine, garage] = await Promise.all([
    onboardActiveTenant(master, 'imob_alpha', 'imoveis'),
    onboardActiveTenant(master, 'imob_vitrine', 'imoveis'),
    onboardActiveTenant(master, 'garage_gamma', 'carros'),
  ]);
  for (const { ref, ...imovel } of STOCK) {
    const created = await request(robot.url).post('/imoveis').set(as(vitrine)).send(imovel);
    if (created.status !== 201) throw new Error(`seeding ${ref}: ${created.status} ${JSON.stringify(created.body)}`);
    ids[ref] = created.body.id;
  }
}, 90_000);

const listIds = async (query: string) => {
  const response = await request(platform().robot.url).get(`/imoveis?${query}`).set('X-Tenant-Key', vitrine.key);
  expect(response.status).toBe(200);
  return { ids: response.body.imoveis.map((i: { id: number }) => i.id).sort(), total: response.body.paginacao.total };
};
const refs = (...names: string[]) => ({ ids: names.map((n) => ids[n]).sort(), total: names.length });

describe('imoveis-api imóveis', () => {
  it('creates, reads on the storefront without a key, changes and deletes an imóvel', async () => {
    const { robot } = platform();
    const created = await request(robot.url).post('/imoveis').set(as(alpha)).send(apartamentoPinheiros);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), ...apartamentoPinheiros, descricao: null, status: 'disponivel', fotos: [] });
    const id = created.body.id;

    const read = await request(robot.url).get(`/imoveis/${id}`).set('X-Tenant-Key', alpha.key);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ titulo: apartamentoPinheiros.titulo, area_m2: 68, condominio: 1200.5 });

    const patched = await request(robot.url)
      .patch(`/imoveis/${id}`)
      .set(as(alpha))
      .send({ preco: 799000.9, status: 'reservado', condominio: null, uf: 'rj' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ preco: 799000.9, status: 'reservado', condominio: null, uf: 'RJ', bairro: 'Pinheiros' });

    expect((await request(robot.url).delete(`/imoveis/${id}`).set(as(alpha))).status).toBe(204);
    const gone = await request(robot.url).get(`/imoveis/${id}`).set('X-Tenant-Key', alpha.key);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('IMOVEL_NOT_FOUND');
    expect((await request(robot.url).patch(`/imoveis/${id}`).set(as(alpha)).send({ preco: 1 })).status).toBe(404);
  });

  it('needs the API key to write, and never shows another tenant’s imóvel', async () => {
    const { robot } = platform();
    const anonymous = await request(robot.url).post('/imoveis').set('X-Tenant-Key', alpha.key).send(apartamentoPinheiros);
    expect(anonymous.status).toBe(401);
    const foreign = await request(robot.url).get(`/imoveis/${ids.pinheiros}`).set('X-Tenant-Key', alpha.key);
    expect(foreign.status).toBe(404);
  });

  it('adds photos, keeps one principal first, and removes them', async () => {
    const { robot } = platform();
    const { body: imovel } = await request(robot.url)
      .post('/imoveis')
      .set(as(alpha))
      .send({ ...apartamentoPinheiros, bairro: 'Vila Madalena' });
    const add = (url: string, principal: boolean) =>
      request(robot.url).post(`/imoveis/${imovel.id}/fotos`).set(as(alpha)).send({ url, principal });
    const first = await add('https://cdn.example.com/sala.jpg', true);
    const second = await add('https://cdn.example.com/fachada.jpg', true);
    expect([first.status, second.status]).toEqual([201, 201]);

    const list = await request(robot.url).get('/imoveis?bairro=madalena').set('X-Tenant-Key', alpha.key);
    expect(list.body).toMatchObject({ success: true, tenant: 'Loja imob_alpha', paginacao: { total: 1 } });
    expect(list.body.imoveis[0].fotos).toEqual([
      { id: second.body.id, url: 'https://cdn.example.com/fachada.jpg', ordem: 0, principal: true },
      { id: first.body.id, url: 'https://cdn.example.com/sala.jpg', ordem: 0, principal: false },
    ]);

    expect((await request(robot.url).delete(`/imoveis/${imovel.id}/fotos/${first.body.id}`).set(as(alpha))).status).toBe(204);
    expect((await request(robot.url).get(`/imoveis/${imovel.id}`).set('X-Tenant-Key', alpha.key)).body.fotos).toHaveLength(1);
    const orphan = await request(robot.url).post('/imoveis/999999/fotos').set(as(alpha)).send({ url: 'https://cdn.example.com/x.jpg' });
    expect(orphan.status).toBe(404);
  });
});

describe('imoveis-api vitrine filters and pagination', () => {
  it('shows only available imóveis unless asked for a status or todos', async () => {
    expect(await listIds('')).toEqual(refs('moema', 'casa', 'studio', 'terreno', 'loja', 'pinheiros'));
    expect(await listIds('status=vendido')).toEqual(refs('vendido'));
    expect((await listIds('status=todos')).total).toBe(STOCK.length);
  });

  it.each([
    ['tipo=apartamento', ['moema', 'studio', 'pinheiros']],
    ['finalidade=aluguel', ['studio', 'loja']],
    ['bairro=PINHEIROS', ['casa', 'loja', 'pinheiros']],
    ['cidade=sao%20paulo', ['moema', 'casa', 'loja', 'pinheiros']],
    ['quartos_min=3', ['moema', 'casa']],
    ['area_min=100', ['casa', 'terreno', 'loja']],
    ['preco_min=500000&preco_max=1200000', ['moema', 'pinheiros']],
    ['tipo=apartamento&finalidade=venda&bairro=Pinheiros', ['pinheiros']],
    ['bairro=%25', []],
  ])('filters by %s', async (query, expected) => {
    expect(await listIds(query)).toEqual(refs(...expected));
  });

  it.each([
    ['menor_preco', ['studio', 'loja', 'terreno', 'pinheiros', 'moema', 'casa']],
    ['maior_preco', ['casa', 'moema', 'pinheiros', 'terreno', 'loja', 'studio']],
    ['maior_area', ['terreno', 'casa', 'loja', 'moema', 'pinheiros', 'studio']],
  ])('sorts by ordem=%s', async (ordem, expected) => {
    const response = await request(platform().robot.url).get(`/imoveis?ordem=${ordem}`).set('X-Tenant-Key', vitrine.key);
    expect(response.body.imoveis.map((i: { id: number }) => i.id)).toEqual(expected.map((ref) => ids[ref]));
  });

  it('refuses an unknown ordem with 400, naming the valid ones', async () => {
    const { robot } = platform();
    const response = await request(robot.url).get('/imoveis?ordem=preco%20DESC;DROP').set('X-Tenant-Key', vitrine.key);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('menor_preco');
  });

  it('pages newest first with the total of the filter', async () => {
    const { robot } = platform();
    const page = (n: number) => request(robot.url).get(`/imoveis?per_page=4&page=${n}`).set('X-Tenant-Key', vitrine.key);
    const [first, second, third] = await Promise.all([page(1), page(2), page(3)]);
    expect(first.body.paginacao).toEqual({ page: 1, per_page: 4, total: 6 });
    expect(first.body.imoveis.map((i: { id: number }) => i.id)).toEqual([ids.loja, ids.terreno, ids.studio, ids.casa]);
    expect(second.body.imoveis.map((i: { id: number }) => i.id)).toEqual([ids.moema, ids.pinheiros]);
    expect(third.body.imoveis).toEqual([]);
    // A full page and one past the end need the count; a partial page tells the total by itself.
    expect([second, third].map((response) => response.body.paginacao)).toEqual([
      { page: 2, per_page: 4, total: 6 },
      { page: 3, per_page: 4, total: 6 },
    ]);
    const full = await request(robot.url).get('/imoveis?per_page=2&page=2').set('X-Tenant-Key', vitrine.key);
    expect(full.body.paginacao).toEqual({ page: 2, per_page: 2, total: 6 });
  });
});

describe('imoveis-api visitas', () => {
  it('books each imóvel once per slot; a cancelled visit frees it; slots are on the half hour', async () => {
    const { robot } = platform();
    const cliente = await request(robot.url).post('/clientes').set(as(alpha)).send({ telefone: '11 91234-5678', nome: 'Maria' });
    expect(cliente.status).toBe(201);
    const [casa, outra] = await Promise.all(
      ['Casa térrea', 'Casa sobrado'].map(
        async (titulo) =>
          (await request(robot.url).post('/imoveis').set(as(alpha)).send({ titulo, tipo: 'casa', finalidade: 'venda', preco: 640000 })).body
            .id,
      ),
    );
    const visita = slotInDays(2, '14:30');
    const book = (imovel_id: unknown, data_agendada = visita) =>
      request(robot.url).post('/visitas').set(as(alpha)).send({ cliente_id: cliente.body.id, imovel_id, data_agendada });

    const first = await book(casa);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ cliente_id: cliente.body.id, imovel_id: casa, status: 'pendente' });
    expect(first.body.data_agendada).toBe(new Date(visita).toISOString());

    const twice = await book(casa);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SLOT_TAKEN');
    expect((await book(outra)).status).toBe(201);

    const cancelled = await request(robot.url).patch(`/visitas/${first.body.id}`).set(as(alpha)).send({ status: 'cancelado' });
    expect(cancelled.status).toBe(200);
    expect((await book(casa)).status).toBe(201);

    const offSlot = await book(casa, slotInDays(2, '14:15'));
    expect(offSlot.status).toBe(400);
    expect(offSlot.body.error.code).toBe('VALIDATION_FAILED');
    expect((await book(undefined)).status).toBe(400);
    expect((await book(999999)).body.error.code).toBe('ITEM_NOT_FOUND');

    const listed = await request(robot.url).get(`/visitas?imovel_id=${casa}`).set(as(alpha));
    expect(listed.body.visitas.map((v: { status: string }) => v.status)).toEqual(['cancelado', 'pendente']);
    // A visited imóvel keeps its history: deleting it is refused, not cascaded.
    expect((await request(robot.url).delete(`/imoveis/${casa}`).set(as(alpha))).status).toBe(409);
  });
});

describe('imoveis-api chat', () => {
  it('names the imóvel in stock that best matches the customer, never a sold one', async () => {
    const { master, robot } = platform();
    const chat = await request(robot.url)
      .post('/chat')
      .set(as(vitrine))
      .send({ telefone: '11 98765-4321', mensagem: 'Tem apartamento em Pinheiros?', nome: 'Ana' });
    expect(chat.status).toBe(200);
    const offers = chat.body.resposta.split('\n').filter((line: string) => line.startsWith('• '));
    expect(offers[0]).toMatch(/^• Apartamento 2 quartos – Pinheiros, São Paulo — R\$\s850\.000,00 · 68 m² · 2 vagas · venda$/);
    expect(offers.join('\n')).not.toContain('150 m²');
    expect(chat.body.tokens).toBeGreaterThan(0);

    const conversa = await request(robot.url).get(`/conversas/${chat.body.conversa_id}`).set(as(vitrine));
    expect(conversa.body.mensagens.map((m: { tipo: string }) => m.tipo)).toEqual(['recebida', 'enviada']);
    const outbox = await tenantSql<{ n: number }[]>(master, 'imoveis', vitrine.key, 'SELECT COUNT(*) AS n FROM _usage_outbox');
    expect(outbox[0].n).toBeLessThanOrEqual(1);
  });
});

describe('imoveis-api refusals', () => {
  it('does not serve a carros tenant, even with its own key', async () => {
    const { robot } = platform();
    const response = await request(robot.url).get('/imoveis').set(as(garage));
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('TENANT_NOT_FOUND');
  });

  it.each([
    ['a field over its limit', { ...apartamentoPinheiros, descricao: 'x'.repeat(20_000) }],
    ['wrong types', { ...apartamentoPinheiros, quartos: 'dois', preco: '850000' }],
    ['an unknown tipo', { ...apartamentoPinheiros, tipo: 'castelo' }],
    ['cents below the centavo', { ...apartamentoPinheiros, preco: 850000.001 }],
    ['an unknown UF', { ...apartamentoPinheiros, uf: 'XX' }],
    ['an unknown field', { ...apartamentoPinheiros, id: 1 }],
    ['a missing finalidade', { ...apartamentoPinheiros, finalidade: undefined }],
  ])('answers 400 JSON to %s', async (_case, body) => {
    const response = await request(platform().robot.url).post('/imoveis').set(as(alpha)).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 413 to a body over the limit and 400 to an empty change', async () => {
    const { robot } = platform();
    const huge = await request(robot.url)
      .post('/imoveis')
      .set(as(alpha))
      .send({ ...apartamentoPinheiros, descricao: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await request(robot.url).patch(`/imoveis/${ids.pinheiros}`).set(as(vitrine)).send({})).status).toBe(400);
  });

  it.each([
    "tipo=apartamento' OR '1'='1",
    'quartos_min=1 OR 1=1',
    'status=todos;DROP TABLE imoveis',
    'preco_max=1e400',
    'preco_min=900000&preco_max=100',
    'bairro=a&bairro=b',
    'ordem=preco',
    'per_page=1000',
  ])('refuses the filter %s with 400', async (query) => {
    const response = await request(platform().robot.url).get(`/imoveis?${query}`).set('X-Tenant-Key', vitrine.key);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('treats SQL in a text filter as text, and the table survives', async () => {
    const { robot } = platform();
    expect(await listIds(`bairro=${encodeURIComponent("' OR 1=1 --")}`)).toEqual(refs());
    expect(await listIds(`cidade=${encodeURIComponent("x%'); DROP TABLE imoveis; --")}`)).toEqual(refs());
    expect((await listIds('status=todos')).total).toBe(STOCK.length);
    expect((await request(robot.url).get('/imoveis/abc').set('X-Tenant-Key', vitrine.key)).status).toBe(400);
  });
});

describe('imoveis-api /docs', () => {
  it("passes Redocly's recommended rules with no error, public routes saying they need no credential", async () => {
    const { robot } = platform();
    const { body } = await request(robot.url).get('/docs').expect(200);
    expect((await redoclyProblems(body)).filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(body.paths['/imoveis/{id}'].get.security).toEqual([]);
    expect(body.paths['/chat'].post.security).toEqual([{ tenantApiKey: [] }]);
  });
});
