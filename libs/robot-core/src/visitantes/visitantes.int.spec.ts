import { randomUUID } from 'node:crypto';
import { eventually } from '@helix/testing';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createUnthrottledPlan, onboardActiveTenant, tenantSql, type OnboardedTenant } from '../testing/test-platform';
import { useProdutosRobot } from '../testing/start-produtos-robot';
import { slotInDays } from '../testing/upcoming-slot';

/*
 * The robot trusts its loopback proxy (the web service; here supertest), so requests come from the
 * addresses X-Forwarded-For names: a new one each unless a test says, so that only the limits a
 * test is about apply to it. Limits refill slowly (a message every 30 s per session, 15 s per
 * address; a session every 15 min per address): what a test sees does not depend on its speed.
 */
const platform = useProdutosRobot({
  env: {
    TRUST_PROXY: 'loopback',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    VISITOR_MESSAGES_PER_MINUTE: '2',
    VISITOR_MESSAGES_BURST: '3',
    VISITOR_MESSAGES_PER_MINUTE_PER_ADDRESS: '4',
    VISITOR_SESSIONS_PER_HOUR_PER_ADDRESS: '4',
  },
});
const api = () => request(platform().robot.url);
const secret = () => platform().robot.runtime.config.SESSION_SECRET;

/** Stores on a plan without request rates: what is tested is the visitors' own limits. */
let loja: OnboardedTenant;
let vizinha: OnboardedTenant;
let produto: number;

let lastAddress = 0;
const newAddress = () => `203.0.113.${++lastAddress}`;

interface Session {
  token: string;
  visitante_id: string;
  tenant: OnboardedTenant;
}

const storefront = (ip = newAddress(), tenant = loja) => ({ 'X-Tenant-Key': tenant.key, 'X-Forwarded-For': ip });
const backOffice = (tenant = loja) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const as = (session: Session, ip?: string) => ({ ...storefront(ip, session.tenant), Authorization: `Bearer ${session.token}` });

async function openSession(ip = newAddress(), tenant = loja): Promise<Session> {
  const opened = await api().post('/visitante/sessao').set(storefront(ip, tenant)).expect(201);
  return { ...opened.body, tenant };
}
const chat = (session: Session, body: object, ip?: string) => api().post('/visitante/chat').set(as(session, ip)).send(body);
const conversa = (session: Session) => api().get('/visitante/conversa').set(as(session));
const book = (session: Session, body: object, ip?: string) => api().post('/visitante/agendamentos').set(as(session, ip)).send(body);

const sql = <T>(statement: string, params: unknown[] = [], tenant = loja) =>
  tenantSql<T>(platform().master, 'carros', tenant.key, statement, params);
const customerOf = async (session: Session) =>
  (
    await sql<{ id: number; phone: string | null; name: string | null }[]>(
      'SELECT c.id, c.phone, c.name FROM visitantes v JOIN customers c ON c.id = v.customer_id WHERE v.id = ?',
      [session.visitante_id],
    )
  )[0];
async function monthCounter(tenant = loja) {
  const [row] = await sql<{ mensagens: number; tokens: number }[]>('SELECT mensagens, tokens FROM _quota_mes', [], tenant);
  return { mensagens: Number(row?.mensagens ?? 0), tokens: Number(row?.tokens ?? 0) };
}

beforeAll(async () => {
  const { master } = platform();
  const planoId = await createUnthrottledPlan(master);
  loja = await onboardActiveTenant(master, 'loja_visitada', 'carros', { planoId });
  vizinha = await onboardActiveTenant(master, 'loja_vizinha', 'carros', { planoId });
  produto = (await api().post('/produtos').set(backOffice()).send({ nome: 'Cafeteira Italiana', preco: 300 }).expect(201)).body.id;
});

describe('store visitors: sessions', () => {
  it('opens a 30-day session with no API key, signed for this store, and an empty conversation', async () => {
    const before = Date.now();
    const opened = await api().post('/visitante/sessao').set(storefront(newAddress())).expect(201);
    expect(opened.body).toEqual({ token: expect.any(String), expira_em: expect.any(String), visitante_id: expect.any(String) });
    const after = Date.now();
    // JWT times are whole seconds.
    const expiresAt = Date.parse(opened.body.expira_em);
    expect(expiresAt).toBeGreaterThan(before + 30 * 86_400_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 30 * 86_400_000);
    expect(jwt.decode(opened.body.token, { complete: true })).toMatchObject({
      header: { alg: 'HS256' },
      payload: { sub: opened.body.visitante_id, tnt: loja.key, typ: 'visitante' },
    });
    expect(await sql('SELECT customer_id FROM visitantes WHERE id = ?', [opened.body.visitante_id])).toEqual([{ customer_id: null }]);

    const session = { ...opened.body, tenant: loja };
    expect((await conversa(session).expect(200)).body).toEqual({ visitante: { nome: null, telefone: null }, conversa: null });
  });

  it("refuses with 401 another store's session, a forged, expired, unsigned or staff token, an API key and no token", async () => {
    const session = await openSession();
    // Each as the robot signs them but for the one thing under test.
    const claims = { sub: session.visitante_id, tnt: loja.key, typ: 'visitante' };
    const signed = (payload: object, key = secret(), options: jwt.SignOptions = { expiresIn: 600 }) =>
      jwt.sign({ jti: randomUUID(), ...payload }, key, {
        algorithm: 'HS256',
        issuer: 'helix-robot',
        audience: 'helix-visitante',
        ...options,
      });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        ...claims,
        jti: randomUUID(),
        iss: 'helix-robot',
        aud: 'helix-visitante',
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url')}.`;
    const refused = async (headers: Record<string, string>) => {
      const response = await api().get('/visitante/conversa').set(headers);
      return [response.status, response.body.error?.code, response.body.error?.message];
    };

    // A valid session of this robot, presented at another store.
    expect(await refused({ ...storefront(newAddress(), vizinha), Authorization: `Bearer ${session.token}` })).toEqual([
      401,
      'VISITANTE_SESSION_INVALID',
      'Esta sessão de visitante é de outra loja. Recarregue a página.',
    ]);
    const invalid = [401, 'VISITANTE_SESSION_INVALID', 'Sessão de visitante inválida. Recarregue a página.'];
    for (const token of [
      signed(claims, 'outro-segredo-de-pelo-menos-32-caracteres'),
      unsigned,
      signed({ ...claims, typ: 'equipe' }),
      signed(claims, secret(), { expiresIn: 600, audience: 'helix-equipe' }),
      `${session.token.slice(0, -2)}xx`,
      loja.apiKey,
    ]) {
      expect(await refused({ ...storefront(), Authorization: `Bearer ${token}` })).toEqual(invalid);
    }
    // The same token, but expired.
    const expired = signed({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret(), {});
    expect(await refused({ ...storefront(), Authorization: `Bearer ${expired}` })).toEqual([
      401,
      'VISITANTE_SESSION_EXPIRED',
      'Sessão de visitante expirada. Recarregue a página.',
    ]);
    // A valid token whose visitor the store no longer has (a database restored from an earlier backup).
    const forgotten = await openSession();
    await sql('DELETE FROM visitantes WHERE id = ?', [forgotten.visitante_id]);
    expect(await refused(as(forgotten))).toEqual(invalid);
    const unknown = await chat(forgotten, { mensagem: 'Oi' });
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'VISITANTE_SESSION_INVALID']);
    const none = await api().post('/visitante/chat').set(storefront()).send({ mensagem: 'Oi' });
    expect([none.status, none.body.error.code, none.headers['www-authenticate']]).toEqual([401, 'VISITANTE_SESSION_REQUIRED', 'Bearer']);
  });
});

describe('store visitors: the AI seller', () => {
  it('makes the visitor a customer without a phone on its first message, billed as POST /chat, and shows the conversation again', async () => {
    const session = await openSession();
    const before = await monthCounter();
    const first = await chat(session, { mensagem: 'Oi, vocês têm cafeteira?', nome: 'Lia' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ resposta: expect.stringContaining('Cafeteira Italiana'), conversa_id: expect.any(Number) });
    const second = await chat(session, { mensagem: 'Qual o preço?' }).expect(200);
    expect(second.body.conversa_id).toBe(first.body.conversa_id);

    const cliente = await customerOf(session);
    expect(cliente).toMatchObject({ phone: null, name: 'Lia' });
    // Counted against the plan in the reply's own transaction, and shipped to the master, as /chat's replies are.
    const after = await monthCounter();
    expect(after.mensagens - before.mensagens).toBe(2);
    expect(after.tokens).toBeGreaterThan(before.tokens);
    await eventually(
      async () => (await sql<{ n: number }[]>('SELECT COUNT(*) AS n FROM _usage_outbox'))[0].n === 0,
      5_000,
      'usage shipped',
    );
    const uso = await platform().master.admin('GET', `/tenants/${loja.key}/uso`);
    expect({ mensagens: uso.body.mensagens_usadas, tokens: uso.body.tokens_usados }).toEqual(after);

    const shown = (await conversa(session).expect(200)).body;
    expect(shown).toEqual({
      visitante: { nome: 'Lia', telefone: null },
      conversa: {
        id: first.body.conversa_id,
        mensagens: [
          { id: expect.any(Number), tipo: 'recebida', conteudo: 'Oi, vocês têm cafeteira?', em: expect.any(String) },
          { id: expect.any(Number), tipo: 'enviada', conteudo: first.body.resposta, em: expect.any(String) },
          { id: expect.any(Number), tipo: 'recebida', conteudo: 'Qual o preço?', em: expect.any(String) },
          { id: expect.any(Number), tipo: 'enviada', conteudo: second.body.resposta, em: expect.any(String) },
        ],
      },
    });
    // The store's back office sees the customer and the conversation, phone and all (none yet).
    const staffView = await api().get(`/clientes/${cliente.id}`).set(backOffice()).expect(200);
    expect(staffView.body).toMatchObject({ nome: 'Lia', telefone: null });
    await api().get('/clientes').query({ busca: 'Lia' }).set(backOffice()).expect(200);
    await api().get(`/conversas/${first.body.conversa_id}`).set(backOffice()).expect(200);
  });

  it("becomes the customer its phone already names, continuing that customer's conversation", async () => {
    const byPhone = await api()
      .post('/chat')
      .set(backOffice())
      .send({ telefone: '11930000001', mensagem: 'Quero uma chaleira', nome: 'Rui' })
      .expect(200);
    const session = await openSession();
    const reply = await chat(session, { mensagem: 'Voltei', telefone: '(11) 93000-0001' }).expect(200);
    expect(reply.body.conversa_id).toBe(byPhone.body.conversa_id);
    expect(await customerOf(session)).toMatchObject({ phone: '11930000001', name: 'Rui' });
    const shown = (await conversa(session).expect(200)).body;
    expect(shown.visitante).toEqual({ nome: 'Rui', telefone: '11930000001' });
    expect(shown.conversa.mensagens.map((m: { conteudo: string }) => m.conteudo)).toEqual([
      'Quero uma chaleira',
      byPhone.body.resposta,
      'Voltei',
      reply.body.resposta,
    ]);
  });

  it('gives a new phone to the customer the visitor already is', async () => {
    const session = await openSession();
    const first = await chat(session, { mensagem: 'Oi' }).expect(200);
    const { id } = await customerOf(session);
    const second = await chat(session, { mensagem: 'Meu telefone', telefone: '11930000002', nome: 'Bia' }).expect(200);
    expect(second.body.conversa_id).toBe(first.body.conversa_id);
    expect(await customerOf(session)).toEqual({ id, phone: '11930000002', name: 'Bia' });
  });

  it('shows the newest 100 messages of a long conversation again, oldest first', async () => {
    const session = await openSession();
    const { conversa_id } = (await chat(session, { mensagem: 'Oi' }).expect(200)).body;
    const { id: cliente } = await customerOf(session);
    const earlier = Array.from({ length: 120 }, (_, i) => [conversa_id, cliente, i % 2 ? 'enviada' : 'recebida', `antes ${i}`]);
    await sql('INSERT INTO mensagens (conversation_id, customer_id, tipo, conteudo) VALUES ?', [earlier]);
    const { mensagens } = (await conversa(session).expect(200)).body.conversa;
    expect(mensagens).toHaveLength(100);
    expect(mensagens.map((m: { conteudo: string }) => m.conteudo).slice(0, 2)).toEqual(['antes 20', 'antes 21']);
    expect(mensagens.at(-1)).toMatchObject({ tipo: 'enviada', conteudo: 'antes 119' });
  });

  it('refuses a store over its monthly plan exactly as POST /chat does, storing nothing', async () => {
    const { master } = platform();
    const plano = await master.admin('POST', '/planos', {
      nome: 'Uma mensagem',
      preco_mensal: 100,
      limite_mensagens: 1,
      limite_tokens: 1_000_000,
      chat_por_minuto: 60_000,
      chat_rajada: 60_000,
    });
    const pequena = await onboardActiveTenant(master, 'loja_pequena', 'carros', { planoId: plano.body.id });
    const session = await openSession(newAddress(), pequena);
    await chat(session, { mensagem: 'Oi' }).expect(200);
    const overVisitor = await chat(session, { mensagem: 'Mais uma' });
    const overChat = await api().post('/chat').set(backOffice(pequena)).send({ telefone: '11930000003', mensagem: 'Oi' });
    expect(overVisitor.status).toBe(429);
    expect(overVisitor.body).toEqual(overChat.body);
    expect(overVisitor.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(await sql('SELECT conteudo FROM mensagens', [], pequena)).toHaveLength(2);
  });
});

describe('store visitors: bookings', () => {
  it("books in the visitor's name; the same slot again is refused with 409 in a visitor's words", async () => {
    const session = await openSession();
    const data_agendada = slotInDays(5, '15:00');
    const booked = await book(session, { produto_id: produto, data_agendada, nome: 'Caio', telefone: '11930000004' });
    expect(booked.status).toBe(201);
    const cliente = await customerOf(session);
    expect(cliente).toMatchObject({ phone: '11930000004', name: 'Caio' });
    expect(booked.body).toMatchObject({ cliente_id: cliente.id, produto_id: produto, tipo: 'visita', status: 'pendente' });
    await api().get(`/reservas/${booked.body.id}`).set(backOffice()).expect(200, booked.body);

    const other = await openSession();
    const taken = await book(other, { produto_id: produto, data_agendada, nome: 'Duda', telefone: '11930000005', tipo: 'entrega' });
    expect([taken.status, taken.body.error]).toEqual([
      409,
      { code: 'SLOT_TAKEN', message: 'Esse horário já foi reservado. Escolha outro.' },
    ]);
    // Refused whole: the second visitor did not become a customer.
    expect(await customerOf(other)).toBeUndefined();
  });

  it('answers 404 for an item the store does not have, and 400 for a slot outside the booking window', async () => {
    const session = await openSession();
    const missing = await book(session, { produto_id: 999_999, data_agendada: slotInDays(6), nome: 'Eva', telefone: '11930000006' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'ITEM_NOT_FOUND']);
    const past = await book(session, { produto_id: produto, data_agendada: slotInDays(-2), nome: 'Eva', telefone: '11930000006' });
    expect(past.status).toBe(400);
  });
});

describe('store visitors: limits', () => {
  const expectRefused = (response: request.Response) => {
    expect(response.status).toBe(429);
    expect(response.body.error.code).toBe('VISITANTE_RATE_LIMITED');
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  };

  it("refuses a session's messages past its burst with 429 and Retry-After, before the AI or the plan are touched", async () => {
    const session = await openSession();
    for (let i = 0; i < 3; i++) await chat(session, { mensagem: `mensagem ${i}` }).expect(200);
    const before = await monthCounter();
    const refused = await chat(session, { mensagem: 'mais uma' });
    expectRefused(refused);
    expect(refused.body.error.message).toBe('Muitas mensagens em pouco tempo. Aguarde alguns segundos e tente novamente.');
    expect(await monthCounter()).toEqual(before);
    // Another visitor is not held back by this one.
    await chat(await openSession(), { mensagem: 'Oi' }).expect(200);
  });

  it('refuses messages from one address past its burst, however many sessions it opens', async () => {
    const ip = newAddress();
    const [first, second] = [await openSession(), await openSession()];
    await chat(first, { mensagem: 'a' }, ip).expect(200);
    await chat(second, { mensagem: 'b' }, ip).expect(200);
    expectRefused(await chat(second, { mensagem: 'c' }, ip));
    expectRefused(await book(first, { produto_id: produto, data_agendada: slotInDays(9), nome: 'Gil', telefone: '11930000007' }, ip));
    // The session kept what the address refused: from elsewhere it still has the rest of its burst.
    await chat(second, { mensagem: 'c' }).expect(200);
    await chat(second, { mensagem: 'd' }).expect(200);
    expectRefused(await chat(second, { mensagem: 'e' }));
  });

  it('refuses new sessions from one address past the hourly allowance', async () => {
    const ip = newAddress();
    for (let i = 0; i < 4; i++) await openSession(ip);
    const refused = await api().post('/visitante/sessao').set(storefront(ip));
    expectRefused(refused);
    expect(refused.body.error.message).toBe('Muitas sessões abertas a partir deste endereço. Aguarde e tente novamente.');
    await openSession(newAddress());
  });
});

describe('store visitors: hostile input', () => {
  it('answers 4xx JSON to wrong types, unknown fields, oversized or malformed bodies, and stores SQL as text', async () => {
    // A session each: the visitor limits come before the body is read, and are not what is tested here.
    const fresh = () => openSession();
    for (const body of [
      { mensagem: 'x'.repeat(4_001) },
      { mensagem: 42 },
      { mensagem: 'Oi', nome: { $gt: '' } },
      { mensagem: 'Oi', telefone: "1'; DROP TABLE customers; --" },
      { mensagem: 'Oi', cliente_id: 1 },
    ]) {
      const response = await chat(await fresh(), body);
      expect([response.status, response.body.error?.code]).toEqual([400, expect.any(String)]);
    }
    const bookings = [
      { produto_id: '1 OR 1=1', data_agendada: slotInDays(7), nome: 'Ivo', telefone: '11930000008' },
      { produto_id: produto, data_agendada: 'amanhã', nome: 'Ivo', telefone: '11930000008' },
      { produto_id: produto, data_agendada: slotInDays(7), telefone: '11930000008' },
    ];
    for (const body of bookings) expect((await book(await fresh(), body)).status).toBe(400);
    const notJson = await api()
      .post('/visitante/chat')
      .set(as(await fresh()))
      .set('Content-Type', 'application/json')
      .send('{"mensagem":');
    expect([notJson.status, typeof notJson.body.error?.message]).toEqual([400, 'string']);
    const huge = await api()
      .post('/visitante/chat')
      .set(as(await fresh()))
      .send({ mensagem: 'x'.repeat(200_000) });
    expect([huge.status, typeof huge.body.error?.message]).toEqual([413, 'string']);

    const sqlText = "'); DELETE FROM customers; --";
    const session = await fresh();
    await chat(session, { mensagem: sqlText }).expect(200);
    expect((await conversa(session).expect(200)).body.conversa.mensagens[0].conteudo).toBe(sqlText);
    expect((await sql<{ n: number }[]>('SELECT COUNT(*) AS n FROM customers'))[0].n).toBeGreaterThan(0);
  });
});
