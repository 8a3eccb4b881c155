import type { RobotConfig } from '@helix/config';
import type { AiProvider } from './ai-provider';
import { DeterministicResponder } from './deterministic-responder';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

export type AiProviderConfig = Pick<RobotConfig, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL' | 'LLM_TIMEOUT_MS' | 'LLM_MAX_TOKENS'>;

/** A real LLM only when both its URL and key are configured; otherwise the offline responder. */
export function createAiProvider(config: AiProviderConfig): AiProvider {
  if (config.LLM_BASE_URL && config.LLM_API_KEY) {
    return new OpenAiCompatibleProvider({
      baseUrl: config.LLM_BASE_URL,
      apiKey: config.LLM_API_KEY,
      model: config.LLM_MODEL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxTokens: config.LLM_MAX_TOKENS,
    });
  }
  return new DeterministicResponder();
}
