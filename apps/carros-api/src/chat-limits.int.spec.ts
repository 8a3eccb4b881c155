import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { billingMonth, MONTH_PATTERN } from '@helix/contracts';
import { masterSql, onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { eventually, spawnMaster, type SpawnedMaster } from '@helix/testing';
import express, { type Response } from 'express';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

/** Robot `llm`'s AI timeout: its reservations lapse LLM_TIMEOUT_MS + 60 s after they are made. */
const LLM_TIMEOUT_MS = 30_000;
const RESERVATION_EXPIRY_MS = LLM_TIMEOUT_MS + 60_000;
const LLM_USAGE = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
/** Far above what these tests send, so only the plan's monthly limits refuse chats. */
const UNTHROTTLED = { chat_por_minuto: 60_000, chat_rajada: 60_000, gestao_por_minuto: 60_000, gestao_rajada: 60_000 };

let master: SpawnedMaster;
/** Two instances of carros-api on the same master and MySQL, answering with the offline responder. */
let a: TestRobot;
let b: TestRobot;
/** A third instance whose AI is an OpenAI-compatible server this test controls. */
let llm: TestRobot;
/** How far robot `b`'s clock runs ahead of real time. */
let bAheadMs = 0;

/** The fake chat-completions server: answers, fails with 503, or holds calls until `releaseHeld`. */
let llmServer: Server;
let llmMode: 'answer' | 'fail' | 'hold' = 'answer';
let llmCalls: { max_tokens?: number }[] = [];
const held: Response[] = [];
const completion = () => ({
  choices: [{ index: 0, message: { role: 'assistant', content: 'Temos sim! Quer agendar um test drive?' } }],
  usage: LLM_USAGE,
});
const releaseHeld = () => held.splice(0).forEach((res) => res.json(completion()));

const as = (tenant: OnboardedTenant) => ({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` });
const chat = (robot: TestRobot, tenant: OnboardedTenant, telefone: string, mensagem = 'Tem SUV?') =>
  request(robot.url).post('/chat').set(as(tenant)).send({ telefone, mensagem });
const phone = (i: number) => `1190000${String(i).padStart(4, '0')}`;

async function createPlan(nome: string, limite_mensagens: number, limite_tokens: number): Promise<number> {
  const created = await master.admin('POST', '/planos', { nome, preco_mensal: 9_900, limite_mensagens, limite_tokens, ...UNTHROTTLED });
  if (created.status !== 201) throw new Error(`plan ${nome}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** The master's count for the tenant this month, as an admin reads it. */
async function masterCount(tenant: OnboardedTenant): Promise<{ mensagens_usadas: number; tokens_usados: number }> {
  const uso = await master.admin('GET', `/tenants/${tenant.key}/uso`);
  return { mensagens_usadas: uso.body.mensagens_usadas, tokens_usados: uso.body.tokens_usados };
}

/** Usage the master counts this month, as if from earlier chats (replacing what the shipper may have delivered already). */
const setMasterCount = (tenant: OnboardedTenant, mensagens: number, tokens = 0) =>
  masterSql(
    master,
    `INSERT INTO uso_tokens (tenant_id, mes, mensagens_usadas, tokens_usados) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE mensagens_usadas = VALUES(mensagens_usadas), tokens_usados = VALUES(tokens_usados)`,
    [tenant.id, billingMonth(new Date(), 'America/Sao_Paulo'), mensagens, tokens],
  );

const tenantRows = <T>(tenant: OnboardedTenant, sql: string) => tenantSql<T[]>(master, 'carros', tenant.key, sql);
const reservations = async (tenant: OnboardedTenant) =>
  (await tenantRows<{ n: number }>(tenant, 'SELECT COUNT(*) AS n FROM _quota_reservas'))[0].n;
const outboxShipped = (tenant: OnboardedTenant) => async () =>
  (await tenantRows<{ n: number }>(tenant, 'SELECT COUNT(*) AS n FROM _usage_outbox'))[0].n === 0;
async function monthCounter(tenant: OnboardedTenant) {
  const rows = await tenantRows<{ mensagens: number; tokens: number }>(tenant, 'SELECT mensagens, tokens FROM _quota_mes');
  return rows.map((row) => ({ mensagens: Number(row.mensagens), tokens: Number(row.tokens) }));
}

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post('/v1/chat/completions', (req, res) => {
    llmCalls.push(req.body);
    if (llmMode === 'fail') res.status(503).json({ error: { message: 'overloaded' } });
    else if (llmMode === 'hold') held.push(res);
    else res.json(completion());
  });
  llmServer = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => llmServer.once('listening', resolve));

  master = await spawnMaster();
  a = await startTestRobot(carrosRobot, master);
  b = await startTestRobot(carrosRobot, master, { clock: () => new Date(Date.now() + bAheadMs) });
  llm = await startTestRobot(carrosRobot, master, {
    env: {
      LLM_BASE_URL: `http://127.0.0.1:${(llmServer.address() as AddressInfo).port}/v1`,
      LLM_API_KEY: 'sk-test-fake-llm',
      LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
    },
  });
}, 60_000);

afterAll(async () => {
  releaseHeld();
  await Promise.all([a?.close(), b?.close(), llm?.close()]);
  await master?.close();
  llmServer?.closeAllConnections();
  await new Promise((resolve) => llmServer?.close(resolve));
});

beforeEach(() => {
  llmMode = 'answer';
  llmCalls = [];
  bAheadMs = 0;
});

describe('plan limits are exact across robot instances', () => {
  it('answers 10 of 40 concurrent chats split across two instances for a plan of 10 messages, and the master counts exactly those', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_dez', 'carros', {
      planoId: await createPlan('Dez mensagens', 10, 10_000_000),
    });

    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => chat(i % 2 ? a : b, tenant, phone(i))));

    const replies = responses.filter((r) => r.status === 200);
    const refused = responses.filter((r) => r.status !== 200);
    expect(replies).toHaveLength(10);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(30).fill([429, 'QUOTA_EXCEEDED']));
    expect(refused[0].body.error).toEqual({
      code: 'QUOTA_EXCEEDED',
      message: 'Limite mensal de mensagens do plano atingido. Faça upgrade do plano ou aguarde o próximo mês.',
      details: { limite: 'mensagens', mes: expect.stringMatching(MONTH_PATTERN) },
    });

    const tokens = replies.reduce((sum, r) => sum + r.body.tokens, 0);
    await eventually(outboxShipped(tenant), 5_000, 'usage shipped');
    expect(await masterCount(tenant)).toEqual({ mensagens_usadas: 10, tokens_usados: tokens });
    expect(await monthCounter(tenant)).toEqual([{ mensagens: 10, tokens }]);
    expect(await reservations(tenant)).toBe(0);
    expect((await tenantRows<{ n: number }>(tenant, 'SELECT COUNT(*) AS n FROM mensagens'))[0].n).toBe(20);
  }, 30_000);

  it('counts what the master already counted: a tenant without a local counter starts from it', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_herda', 'carros', {
      planoId: await createPlan('Doze mensagens', 12, 10_000_000),
    });
    await setMasterCount(tenant, 10, 5_000);

    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => chat(i % 2 ? a : b, tenant, phone(i))));

    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    expect(await monthCounter(tenant)).toEqual([
      { mensagens: 12, tokens: 5_000 + responses.reduce((sum, r) => sum + (r.body.tokens ?? 0), 0) },
    ]);
  });

  it('releases the reservation of a failed AI call, so the last message of the plan is still answered', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_falha', 'carros', {
      planoId: await createPlan('Dez mensagens, falha', 10, 10_000_000),
    });
    await setMasterCount(tenant, 9);

    llmMode = 'fail';
    const failed = await chat(llm, tenant, phone(1));
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('AI_UNAVAILABLE');
    expect(await reservations(tenant)).toBe(0);

    llmMode = 'answer';
    expect((await chat(llm, tenant, phone(1))).status).toBe(200);
    const over = await chat(a, tenant, phone(2));
    expect([over.status, over.body.error.code]).toEqual([429, 'QUOTA_EXCEEDED']);
    await eventually(outboxShipped(tenant), 5_000, 'usage shipped');
    expect(await masterCount(tenant)).toEqual({ mensagens_usadas: 10, tokens_usados: LLM_USAGE.total_tokens });
  });

  it('stops counting a reservation LLM_TIMEOUT_MS + 60 s after it was made (its instance may have crashed), and its late reply cannot overrun the plan', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_expira', 'carros', {
      planoId: await createPlan('Dez mensagens, expira', 10, 10_000_000),
    });
    await setMasterCount(tenant, 9);

    llmMode = 'hold';
    const stuck = chat(llm, tenant, phone(1)).then((response) => response);
    await eventually(async () => (await reservations(tenant)) === 1 && held.length === 1, 5_000, 'reservation held');
    const [{ expira_em }] = await tenantRows<{ expira_em: Date }>(tenant, 'SELECT expira_em FROM _quota_reservas');
    expect(expira_em.getTime() - Date.now()).toBeGreaterThan(RESERVATION_EXPIRY_MS - 5_000);
    expect(expira_em.getTime() - Date.now()).toBeLessThanOrEqual(RESERVATION_EXPIRY_MS);

    expect((await chat(b, tenant, phone(2))).status).toBe(429);
    bAheadMs = RESERVATION_EXPIRY_MS - 5_000;
    expect((await chat(b, tenant, phone(2))).status).toBe(429);
    bAheadMs = RESERVATION_EXPIRY_MS + 1_000;
    expect((await chat(b, tenant, phone(2))).status).toBe(200);

    // The held call answers at last: its reservation was given away, and the month is full.
    releaseHeld();
    const late = await stuck;
    expect([late.status, late.body.error.code]).toEqual([429, 'QUOTA_EXCEEDED']);
    await eventually(outboxShipped(tenant), 5_000, 'usage shipped');
    expect((await masterCount(tenant)).mensagens_usadas).toBe(10);
    expect(await reservations(tenant)).toBe(0);
  }, 15_000);

  it("reserves the AI's upper bound (prompt + max_tokens) before calling it and bills the provider's own count", async () => {
    const tenant = await onboardActiveTenant(master, 'garage_tokens', 'carros', { planoId: await createPlan('Poucos tokens', 100, 5_000) });

    const first = await chat(llm, tenant, phone(1));
    expect(first.status).toBe(200);
    expect(first.body.tokens).toBe(LLM_USAGE.total_tokens);
    expect(llmCalls.map((call) => call.max_tokens)).toEqual([512]);
    expect(await monthCounter(tenant)).toEqual([{ mensagens: 1, tokens: LLM_USAGE.total_tokens }]);

    // 600 tokens left: fewer than the prompt plus 512 the answer may take, so the AI is not asked.
    await setMasterCount(tenant, 1, 4_400);
    llm.runtime.resolver.markOutdated(tenant.key);
    const refused = await chat(llm, tenant, phone(1));
    expect(refused.status).toBe(429);
    expect(refused.body.error.details.limite).toBe('tokens');
    expect(llmCalls).toHaveLength(1);
  });
});

describe('one conversation per phone', () => {
  it('makes one customer and one open conversation, with all 20 messages, of 10 simultaneous first messages from one phone', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_fone', 'carros', {
      planoId: await createPlan('Conversas', 1_000, 10_000_000),
    });

    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => chat(i % 2 ? a : b, tenant, '11988887777', `Mensagem ${i}`)));

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body.conversa_id)).size).toBe(1);
    expect(await tenantRows(tenant, 'SELECT phone FROM customers')).toEqual([{ phone: '11988887777' }]);
    const conversas = await request(a.url).get('/conversas').set(as(tenant));
    expect(conversas.body.conversas).toHaveLength(1);
    const conversa = await request(a.url).get(`/conversas/${responses[0].body.conversa_id}`).set(as(tenant));
    expect(conversa.body.mensagens).toHaveLength(20);
    const received = conversa.body.mensagens
      .filter((m: { tipo: string }) => m.tipo === 'recebida')
      .map((m: { conteudo: string }) => m.conteudo);
    expect(received.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Mensagem ${i}`));
  }, 15_000);

  it('opens a new conversation after the open one is closed, and refuses to reopen the old one while the new one is open', async () => {
    const tenant = await onboardActiveTenant(master, 'garage_reabre', 'carros', { planoId: await createPlan('Reabre', 1_000, 10_000_000) });
    const first = await chat(a, tenant, '11977776666');
    await request(a.url).patch(`/conversas/${first.body.conversa_id}`).set(as(tenant)).send({ status: 'fechado' }).expect(200);

    const next = await chat(b, tenant, '11977776666', 'Voltei!');
    expect(next.status).toBe(200);
    expect(next.body.conversa_id).not.toBe(first.body.conversa_id);

    const reopen = await request(a.url).patch(`/conversas/${first.body.conversa_id}`).set(as(tenant)).send({ status: 'em_andamento' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error).toMatchObject({
      code: 'CONVERSA_ALREADY_OPEN',
      message: 'O cliente já tem outra conversa aberta. Encerre-a antes de reabrir esta.',
    });
    await request(a.url).patch(`/conversas/${next.body.conversa_id}`).set(as(tenant)).send({ status: 'perdido' }).expect(200);
    await request(a.url).patch(`/conversas/${first.body.conversa_id}`).set(as(tenant)).send({ status: 'em_andamento' }).expect(200);
  });
});
