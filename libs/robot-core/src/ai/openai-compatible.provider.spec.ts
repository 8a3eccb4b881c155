import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { AiUnavailableError } from './ai-provider';
import { buildChatMessages } from './chat-prompt';
import { countChatTokens } from './token-counter';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';
import { aiRequest, COROLLA, ONIX } from './testing/ai-request.fixture';

const API_KEY = 'sk-test-9f8e7d6c5b4a';

const completion = (content: unknown) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 },
});

/** A real HTTP server speaking the chat-completions shape; each test sets how it answers. */
describe('the OpenAI-compatible provider against a chat-completions server', () => {
  let server: Server;
  let baseUrl: string;
  let answer: (req: Request, res: Response) => void;
  let received: { path: string; authorization?: string; body: any }[];

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.post('/v1/chat/completions', (req, res) => {
      received.push({ path: req.path, authorization: req.headers.authorization, body: req.body });
      answer(req, res);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = (_req, res) => res.json(completion('Olá, João! Temos sim o Toyota Corolla XEi 2022.'));
  });

  /** A slow server, which forgets the answer once the client has hung up. */
  const answerAfter = (ms: number) => (_req: Request, res: Response) => {
    const timer = setTimeout(() => res.json(completion('tarde demais')), ms);
    res.on('close', () => clearTimeout(timer));
  };

  const provider = (options: Partial<ConstructorParameters<typeof OpenAiCompatibleProvider>[0]> = {}) =>
    new OpenAiCompatibleProvider({ baseUrl, apiKey: API_KEY, model: 'gpt-4o-mini', timeoutMs: 2_000, maxTokens: 512, ...options });

  /** The error a failing call rejects with, so each test can assert its reason and status. */
  const failure = async (call: Promise<unknown>): Promise<AiUnavailableError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AiUnavailableError);
    return error as AiUnavailableError;
  };

  it('posts the shared prompt with the bearer key and model, and returns the answer with the reported usage', async () => {
    const request = aiRequest({ ofertas: [COROLLA, ONIX] });
    const reply = await provider().reply(request);

    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.path).toBe('/v1/chat/completions');
    expect(call.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.body.model).toBe('gpt-4o-mini');
    expect(typeof call.body.temperature).toBe('number');
    expect(call.body.max_tokens).toBe(512);
    expect(call.body.messages).toEqual(buildChatMessages(request));
    expect(call.body.messages[0].role).toBe('system');
    expect(call.body.messages[0].content).toContain('Toyota Corolla XEi 2022 — R$ 118.900,00');
    expect(call.body.messages[0].content).toContain('Chevrolet Onix LT 2021 — R$ 72.500,00');
    expect(call.body.messages.at(-1)).toEqual({ role: 'user', content: 'Vocês têm Corolla?' });

    expect(reply).toEqual({
      texto: 'Olá, João! Temos sim o Toyota Corolla XEi 2022.',
      tokens: { prompt: 321, completion: 45, total: 366 },
      provider: 'openai-compatible',
      model: 'gpt-4o-mini',
    });
  });

  it('bounds the tokens a call may bill: the prompt it sends as o200k counts it, a few per message, and max_tokens', async () => {
    const request = aiRequest({ ofertas: [COROLLA, ONIX] });
    const messages = buildChatMessages(request);
    const prompt = await countChatTokens(messages);
    expect(await provider({ maxTokens: 300 }).tokenUpperBound(request)).toBe(prompt + 4 * messages.length + 300);
    const longer = aiRequest({
      ofertas: [COROLLA, ONIX],
      historico: [...request.historico, { role: 'user', content: 'Qual a menor parcela do Onix?' }],
    });
    expect(await provider({ maxTokens: 300 }).tokenUpperBound(longer)).toBeGreaterThan(prompt + 4 * messages.length + 300);
  });

  it('accepts a base URL with a trailing slash', async () => {
    await provider({ baseUrl: `${baseUrl}/` }).reply(aiRequest());
    expect(received.map((call) => call.path)).toEqual(['/v1/chat/completions']);
  });

  it.each([500, 503, 429, 401])('is unavailable when the server answers %i', async (status) => {
    answer = (_req, res) => res.status(status).json({ error: { message: 'nope' } });
    const error = await failure(provider().reply(aiRequest()));
    expect(error).toMatchObject({ reason: 'http_status', httpStatus: status, message: `openai-compatible: HTTP ${status}` });
  });

  it('never puts the API key in the error, even when the server echoes it', async () => {
    answer = (req, res) => res.status(401).json({ error: { message: `Incorrect API key provided: ${req.headers.authorization}` } });
    const error = await failure(provider().reply(aiRequest()));
    const everything = [error.message, error.stack, JSON.stringify(error), String(error.cause)].join(' ');
    expect(everything).not.toContain(API_KEY);
  });

  // The bounds below are far from the deadlines on purpose: what is asserted is that the call gave
  // up at its deadline instead of waiting for the server, which a loaded machine must not blur.
  it('gives up at the deadline when the server is slow to answer', async () => {
    answer = answerAfter(20_000);
    const started = Date.now();
    const error = await failure(provider({ timeoutMs: 200 }).reply(aiRequest()));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up at the deadline when the server trickles the body, never idle but never done', async () => {
    answer = (_req, res) => {
      res.status(200).type('json').write('{"choices": [');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    };
    const started = Date.now();
    const error = await failure(provider({ timeoutMs: 300 }).reply(aiRequest()));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops when the caller aborts', async () => {
    answer = answerAfter(3_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(provider().reply(aiRequest(), { signal: controller.signal }));
    expect(error.reason).toBe('aborted');
  });

  it.each([
    ['malformed JSON', (res: Response) => res.type('json').send('{"choices": [{"message": ')],
    ['an HTML page', (res: Response) => res.type('html').send('<html>Bad gateway</html>')],
    ['no usage', (res: Response) => res.json({ ...completion('Olá'), usage: undefined })],
    [
      'fractional token counts',
      (res: Response) => res.json({ ...completion('Olá'), usage: { prompt_tokens: 1.5, completion_tokens: 1, total_tokens: 2.5 } }),
    ],
    ['no choices', (res: Response) => res.json({ ...completion('Olá'), choices: [] })],
    ['null content', (res: Response) => res.json(completion(null))],
    ['blank content', (res: Response) => res.json(completion('  \n '))],
  ])('is unavailable when the server answers %s', async (_case, send) => {
    answer = (_req, res) => send(res);
    const error = await failure(provider().reply(aiRequest()));
    expect(error.reason).toBe('invalid_response');
  });

  it('is unavailable when nothing listens at the base URL', async () => {
    const closed = express().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const error = await failure(provider({ baseUrl: `http://127.0.0.1:${port}/v1` }).reply(aiRequest()));
    expect(error).toMatchObject({ reason: 'network', message: 'openai-compatible: network error (ECONNREFUSED)' });
  });
});
