import { getEncoding, type Tiktoken } from 'js-tiktoken';
import { buildChatMessages } from './chat-prompt';
import { DeterministicResponder } from './deterministic-responder';
import { aiRequest, CIVIC, COROLLA, HB20, KICKS, ONIX } from './testing/ai-request.fixture';

describe('the deterministic responder', () => {
  const responder = new DeterministicResponder();
  let o200k: Tiktoken;
  beforeAll(() => {
    o200k = getEncoding('o200k_base');
  });

  it('greets the customer by first name and offers the Corolla they asked for, with its details', async () => {
    const reply = await responder.reply(aiRequest());
    expect(reply.texto).toMatch(/^Olá, João! Aqui é a equipe Feirão ShowCar\./);
    expect(reply.texto).toContain('Toyota Corolla XEi 2022 — R$ 118.900,00 · 32.000 km · Prata · Automático');
    expect(reply.texto).toContain('test drive');
    expect(reply).toMatchObject({ provider: 'deterministic', model: 'helix-deterministic-1' });
  });

  it('names the first three offers and counts the rest', async () => {
    const reply = await responder.reply(aiRequest({ clienteNome: null, ofertas: [COROLLA, ONIX, HB20, CIVIC, KICKS] }));
    expect(reply.texto).toMatch(/^Olá! /);
    for (const item of [COROLLA, ONIX, HB20]) expect(reply.texto).toContain(item.titulo);
    for (const item of [CIVIC, KICKS]) expect(reply.texto).not.toContain(item.titulo);
    expect(reply.texto).toContain('E mais 2 opções parecidas');
  });

  it('gives the same answer for the same request', async () => {
    const request = aiRequest({ ofertas: [COROLLA, ONIX] });
    expect(await new DeterministicResponder().reply(request)).toEqual(await responder.reply(structuredClone(request)));
  });

  it('says it has no such car when nothing matches, how many it has, and offers a test drive', async () => {
    const reply = await responder.reply(aiRequest({ mensagem: 'Tem Ferrari?', ofertas: [] }));
    expect(reply.texto).toContain('No momento não temos um veículo com essas características');
    expect(reply.texto).toContain('42 veículos disponíveis');
    expect(reply.texto).toContain('agendar um test drive');
  });

  it('speaks of imóveis and visits for real estate', async () => {
    const reply = await responder.reply(aiRequest({ vertical: 'imoveis', ofertas: [], totalEstoque: 1234 }));
    expect(reply.texto).toContain('não temos um imóvel');
    expect(reply.texto).toContain('1.234 imóveis disponíveis');
    expect(reply.texto).toContain('agendar uma visita');
    expect(reply.texto).not.toContain('test drive');
  });

  it('does not invite a visit to an empty stock', async () => {
    const reply = await responder.reply(aiRequest({ ofertas: [], totalEstoque: 0 }));
    expect(reply.texto).toContain('estamos sem veículos disponíveis');
    expect(reply.texto).not.toContain('test drive');
  });

  it('bounds its tokens exactly before answering, for the plan reservation', async () => {
    for (const request of [
      aiRequest(),
      aiRequest({ ofertas: [COROLLA, ONIX, HB20, CIVIC, KICKS] }),
      aiRequest({ ofertas: [], totalEstoque: 0 }),
    ]) {
      expect(await responder.tokenUpperBound(request)).toBe((await responder.reply(request)).tokens.total);
    }
  });

  it('reports the tokens a real model would count for its prompt and its answer', async () => {
    const request = aiRequest();
    const reply = await responder.reply(request);
    const messages = buildChatMessages(request);
    const prompt = messages.reduce((sum, m) => sum + 3 + o200k.encode(m.role).length + o200k.encode(m.content).length, 3);
    expect(reply.tokens).toEqual({
      prompt,
      completion: o200k.encode(reply.texto).length,
      total: prompt + o200k.encode(reply.texto).length,
    });
    expect(reply.tokens.completion).toBeGreaterThan(0);
    expect(reply.tokens.total).toBe(reply.tokens.prompt + reply.tokens.completion);
  });
});
