import request from 'supertest';
import { AiUnavailableError, DeterministicResponder, type AiProvider, type AiRequest } from '../ai';
import { tenantSql } from '../testing/test-platform';
import { startProdutosRobot, type ProdutosPlatform } from '../testing/start-produtos-robot';

/** The offline responder, recording what it is asked; `down` makes it fail as an unreachable LLM would. */
const responder = new DeterministicResponder();
const asked: AiRequest[] = [];
let down = false;
const recordingAi: AiProvider = {
  name: 'recording',
  tokenUpperBound: (aiRequest) => responder.tokenUpperBound(aiRequest),
  async reply(aiRequest) {
    if (down) throw new AiUnavailableError('recording', 'network', 'fora do ar');
    asked.push(aiRequest);
    return responder.reply(aiRequest);
  },
};

let platform: ProdutosPlatform;
const api = () => request(platform.robot.url);
const chat = (body: object) => api().post('/chat').set(platform.headers).send(body);
const sql = <T>(statement: string, params: unknown[] = []) =>
  tenantSql<T>(platform.master, 'carros', platform.tenant.key, statement, params);

beforeAll(async () => {
  platform = await startProdutosRobot({ ai: recordingAi });
  for (const produto of [
    { nome: 'Cafeteira Italiana', preco: 300 },
    { nome: 'Cafeteira Elétrica', preco: 200 },
    { nome: 'Chaleira', preco: 100 },
  ]) {
    await api().post('/produtos').set(platform.headers).send(produto).expect(201);
  }
  await sql("UPDATE cars SET status = 'sold' WHERE model = 'Cafeteira Elétrica'");
});

afterAll(async () => {
  await platform?.close();
});

describe('the AI seller', () => {
  it("offers the tenant's available produtos that match the customer's words, never a sold one", async () => {
    const reply = await chat({ telefone: '11910000001', mensagem: 'Vocês têm cafeteira?' });
    expect(reply.status).toBe(200);
    expect(asked.at(-1)).toMatchObject({
      lojaNome: 'Loja loja_produtos',
      ofertas: [{ titulo: 'Cafeteira Italiana', detalhes: 'R$\u00a0300,00' }],
      totalEstoque: 2,
    });
    expect(reply.body.resposta).toContain('Cafeteira Italiana');
    expect(reply.body.resposta).not.toContain('Elétrica');
  });

  it("continues the customer's open conversation: the AI sees the earlier turns and the name first given", async () => {
    const first = await chat({ telefone: '11910000002', mensagem: 'Oi, procuro uma chaleira', nome: 'Maria Silva' });
    const second = await chat({ telefone: '(11) 91000-0002', mensagem: 'Qual o preço?', nome: 'Outro Nome' });
    expect(second.body.conversa_id).toBe(first.body.conversa_id);
    expect(asked.at(-1)).toMatchObject({
      clienteNome: 'Maria Silva',
      mensagem: 'Qual o preço?',
      historico: [
        { role: 'user', content: 'Oi, procuro uma chaleira' },
        { role: 'assistant', content: first.body.resposta },
      ],
    });
    const conversa = await api().get(`/conversas/${first.body.conversa_id}`).set(platform.headers).expect(200);
    expect(conversa.body.mensagens.map((m: { conteudo: string }) => m.conteudo)).toEqual([
      'Oi, procuro uma chaleira',
      first.body.resposta,
      'Qual o preço?',
      second.body.resposta,
    ]);
  });

  it('shows the AI the last 10 turns of a long conversation, oldest first', async () => {
    for (let i = 1; i <= 7; i++) await chat({ telefone: '11910000003', mensagem: `mensagem ${i}` }).expect(200);
    const historico = asked.at(-1)!.historico;
    expect(historico).toHaveLength(10);
    expect(historico.filter((turn) => turn.role === 'user').map((turn) => turn.content)).toEqual([
      'mensagem 2',
      'mensagem 3',
      'mensagem 4',
      'mensagem 5',
      'mensagem 6',
    ]);
  });

  it('stores and bills nothing when the AI is unavailable: 503 AI_UNAVAILABLE with Retry-After', async () => {
    const usedBefore = await sql<{ mensagens: number }[]>('SELECT mensagens FROM _quota_mes');
    down = true;
    try {
      const reply = await chat({ telefone: '11910000004', mensagem: 'Tem cafeteira?', nome: 'Sem Resposta' });
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('AI_UNAVAILABLE');
      expect(reply.headers['retry-after']).toBe('10');
    } finally {
      down = false;
    }
    expect(await sql("SELECT id FROM customers WHERE phone = '11910000004'")).toEqual([]);
    expect(await sql('SELECT id FROM _quota_reservas')).toEqual([]);
    expect(await sql('SELECT mensagens FROM _quota_mes')).toEqual(usedBefore);
  });

  it('refuses a malformed phone or an empty message with 400, without asking the AI', async () => {
    const askedBefore = asked.length;
    for (const body of [{ telefone: '123', mensagem: 'Oi' }, { telefone: '11910000005', mensagem: '   ' }, { telefone: '11910000005' }]) {
      expect((await chat(body)).status).toBe(400);
    }
    expect(asked).toHaveLength(askedBefore);
  });
});
