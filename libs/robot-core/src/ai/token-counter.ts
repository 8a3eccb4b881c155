import type { Tiktoken } from 'js-tiktoken';
import type { ChatMessage } from './chat-prompt';

/**
 * o200k_base is the tokenizer of the models an OpenAI-compatible deployment most likely runs
 * (gpt-4o, gpt-4.1, o-series, gpt-5), and it splits Portuguese more tightly than cl100k_base,
 * so offline counts stay close to what a real model would bill the tenant.
 */
const ENCODING = 'o200k_base';

/** Per message: <|start|>{role}<|message|>{content}<|end|>; per reply: the assistant's priming (OpenAI cookbook). */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_REPLY_PRIMING = 3;

let encoder: Promise<Tiktoken> | undefined;

/** Building the BPE table takes ~0.5 s and ~100 MB, so it happens once, on first use. */
function loadEncoder(): Promise<Tiktoken> {
  encoder ??= import('js-tiktoken').then(({ getEncoding }) => getEncoding(ENCODING));
  return encoder;
}

/** Tokens of plain text; special-token markers a customer types are counted as text, not rejected. */
export async function countTokens(text: string): Promise<number> {
  return (await loadEncoder()).encode(text, [], []).length;
}

/** Prompt tokens of a chat request, as OpenAI counts them: contents, roles and framing. */
export async function countChatTokens(messages: ChatMessage[]): Promise<number> {
  let total = TOKENS_PER_REPLY_PRIMING;
  for (const message of messages) {
    total += TOKENS_PER_MESSAGE + (await countTokens(message.role)) + (await countTokens(message.content));
  }
  return total;
}
