import axios, { isAxiosError } from 'axios';
import { z } from 'zod';
import { AiUnavailableError, type AiProvider, type AiReply, type AiRequest } from './ai-provider';
import { buildChatMessages } from './chat-prompt';
import { countChatTokens } from './token-counter';

/** Low: a seller that sticks to the listed stock, with just enough variation to sound natural. */
const TEMPERATURE = 0.3;
/** A chat completion is a few KB; anything far larger is not an answer we want to buffer. */
const MAX_RESPONSE_BYTES = 1_000_000;
/**
 * Our o200k count of the prompt may fall short of the provider's own: a few tokens per message
 * cover framing a server adds (names, separators); a model with another tokenizer may still differ.
 */
const PROMPT_SLACK_PER_MESSAGE = 4;

const tokenCount = z.number().int().nonnegative();
const chatCompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
  usage: z.object({ prompt_tokens: tokenCount, completion_tokens: tokenCount, total_tokens: tokenCount }),
});

export interface OpenAiCompatibleOptions {
  /** e.g. `https://api.openai.com/v1`; a trailing slash is tolerated. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Deadline for the whole call, headers and body. */
  timeoutMs: number;
  /** Sent as `max_tokens`: the longest answer the provider may write (and bill). */
  maxTokens: number;
}

/** Any server speaking OpenAI's chat-completions REST shape (OpenAI, Azure-style gateways, vLLM, Ollama…). */
export class OpenAiCompatibleProvider implements AiProvider {
  readonly name = 'openai-compatible';
  readonly model: string;
  private readonly url: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly maxTokens: number;

  constructor(options: OpenAiCompatibleOptions) {
    this.url = `${new URL(options.baseUrl).href.replace(/\/+$/, '')}/chat/completions`;
    this.apiKey = options.apiKey;
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.maxTokens = options.maxTokens;
  }

  /** The prompt as we count it, with slack per message, plus the longest answer `max_tokens` allows. */
  async tokenUpperBound(request: AiRequest): Promise<number> {
    const messages = buildChatMessages(request);
    return (await countChatTokens(messages)) + messages.length * PROMPT_SLACK_PER_MESSAGE + this.maxTokens;
  }

  async reply(request: AiRequest, options: { signal?: AbortSignal } = {}): Promise<AiReply> {
    // axios' own `timeout` is an idle-socket timer; a signal bounds the whole call, body included.
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let data: unknown;
    try {
      const response = await axios.post(
        this.url,
        { model: this.model, messages: buildChatMessages(request), temperature: TEMPERATURE, max_tokens: this.maxTokens },
        {
          headers: { Authorization: `Bearer ${this.apiKey}` },
          signal,
          responseType: 'json',
          maxContentLength: MAX_RESPONSE_BYTES,
          // An API endpoint has no reason to redirect, and the bearer token must not follow one.
          maxRedirects: 0,
        },
      );
      data = response.data;
    } catch (error) {
      throw this.unavailable(error, deadline, options.signal);
    }

    const parsed = chatCompletionSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AiUnavailableError(this.name, 'invalid_response', `invalid response: ${issue.path.join('.') || 'body'} ${issue.message}`);
    }
    const texto = parsed.data.choices[0].message.content.trim();
    if (!texto) throw new AiUnavailableError(this.name, 'invalid_response', 'invalid response: empty content');
    const { prompt_tokens, completion_tokens, total_tokens } = parsed.data.usage;
    return {
      texto,
      tokens: { prompt: prompt_tokens, completion: completion_tokens, total: total_tokens },
      provider: this.name,
      model: this.model,
    };
  }

  /** A short reason only: axios errors carry the request config (our Authorization header) and the body. */
  private unavailable(error: unknown, deadline: AbortSignal, callerSignal?: AbortSignal): AiUnavailableError {
    if (deadline.aborted) return new AiUnavailableError(this.name, 'timeout', `no answer within ${this.timeoutMs} ms`);
    if (callerSignal?.aborted) return new AiUnavailableError(this.name, 'aborted', 'request aborted by the caller');
    if (isAxiosError(error) && error.response) {
      const status = error.response.status;
      return new AiUnavailableError(this.name, 'http_status', `HTTP ${status}`, status);
    }
    const code = isAxiosError(error) ? error.code : undefined;
    return new AiUnavailableError(this.name, 'network', `network error${code ? ` (${code})` : ''}`);
  }
}
