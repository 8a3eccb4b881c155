import { createAiProvider, DeterministicResponder, OpenAiCompatibleProvider } from '..';

describe('choosing the AI provider from the configuration', () => {
  const base = { LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: 20_000, LLM_MAX_TOKENS: 512 };

  it('uses the OpenAI-compatible provider, with the configured model, when both URL and key are set', () => {
    const provider = createAiProvider({ ...base, LLM_BASE_URL: 'https://api.openai.com/v1', LLM_API_KEY: 'sk-x' });
    expect(provider).toBeInstanceOf(OpenAiCompatibleProvider);
    expect(provider).toMatchObject({ name: 'openai-compatible', model: 'gpt-4o-mini' });
  });

  it.each([
    ['nothing is set', {}],
    ['only the URL is set', { LLM_BASE_URL: 'https://api.openai.com/v1' }],
    ['only the key is set', { LLM_API_KEY: 'sk-x' }],
  ])('falls back to the offline deterministic responder when %s', (_case, llm) => {
    const provider = createAiProvider({ ...base, ...llm });
    expect(provider).toBeInstanceOf(DeterministicResponder);
    expect(provider).toMatchObject({ name: 'deterministic', model: 'helix-deterministic-1' });
  });
});
