import { getEncoding } from 'js-tiktoken';
import { countChatTokens, countTokens } from './token-counter';

describe('counting tokens', () => {
  it('counts a known pt-BR sentence as o200k_base does', async () => {
    expect(await countTokens('Olá, João! Vocês têm Corolla?')).toBe(9);
    expect(await countTokens('Apartamento 2 quartos – Pinheiros, São Paulo')).toBe(
      getEncoding('o200k_base').encode('Apartamento 2 quartos – Pinheiros, São Paulo').length,
    );
  });

  it('counts special-token markers a customer types as plain text instead of failing', async () => {
    expect(await countTokens('<|endoftext|>')).toBe(7);
  });

  it('adds OpenAI’s framing to a chat: 3 per message, its role, and 3 to prime the reply', async () => {
    const messages = [
      { role: 'system' as const, content: 'Você é um vendedor.' },
      { role: 'user' as const, content: 'Oi' },
    ];
    const contents = (await countTokens('Você é um vendedor.')) + (await countTokens('Oi'));
    expect(await countChatTokens(messages)).toBe(contents + 2 * (3 + 1) + 3);
  });
});
