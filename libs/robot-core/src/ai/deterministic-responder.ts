import type { AiProvider, AiReply, AiRequest } from './ai-provider';
import { buildChatMessages, oneLine, renderOffer } from './chat-prompt';
import { countChatTokens, countTokens } from './token-counter';
import { availableItems, VERTICAL_TERMS } from './vertical-terms';

/** More than three offers make a chat message too long to read on a phone. */
const MAX_LISTED_OFFERS = 3;

/**
 * The default provider: offline, no key, the same answer for the same request. It only ever
 * names items from `ofertas`, and counts tokens as a real model would, so usage and quotas
 * behave the same with or without an LLM configured.
 */
export class DeterministicResponder implements AiProvider {
  readonly name = 'deterministic';
  readonly model = 'helix-deterministic-1';

  /** Exact: the same request gets the same answer, so its count is known before answering. */
  async tokenUpperBound(request: AiRequest): Promise<number> {
    return (await this.reply(request)).tokens.total;
  }

  // Answers in microseconds once the encoder is loaded, so there is nothing to abort.
  async reply(request: AiRequest): Promise<AiReply> {
    const texto = compose(request);
    const prompt = await countChatTokens(buildChatMessages(request));
    const completion = await countTokens(texto);
    return { texto, tokens: { prompt, completion, total: prompt + completion }, provider: this.name, model: this.model };
  }
}

function compose(request: AiRequest): string {
  const terms = VERTICAL_TERMS[request.vertical];
  const primeiroNome = request.clienteNome?.trim().split(/\s+/)[0];
  const saudacao = `${primeiroNome ? `Olá, ${primeiroNome}!` : 'Olá!'} Aqui é a equipe ${oneLine(request.lojaNome)}.`;

  if (request.ofertas.length > 0) {
    const listed = request.ofertas.slice(0, MAX_LISTED_OFFERS);
    const extra = request.ofertas.length - listed.length;
    return [
      saudacao,
      listed.length === 1 ? 'Temos esta opção para você:' : 'Temos estas opções para você:',
      ...listed.map((item) => `• ${renderOffer(item)}`),
      ...(extra > 0 ? [`E mais ${extra === 1 ? '1 opção parecida' : `${extra} opções parecidas`} no estoque.`] : []),
      `Quer ${terms.proximoPasso} ou saber mais detalhes?`,
    ].join('\n');
  }

  if (request.totalEstoque === 0) {
    return [
      saudacao,
      `No momento estamos sem ${terms.itens} disponíveis.`,
      `Me conte o que você procura (${terms.criterios}) que avisamos assim que chegar uma opção.`,
    ].join('\n');
  }

  return [
    saudacao,
    `No momento não temos ${terms.umItem} com essas características, mas temos ${availableItems(terms, request.totalEstoque)}.`,
    `Me conte o que você procura (${terms.criterios}) que eu encontro a melhor opção, ou se preferir podemos ${terms.proximoPasso}.`,
  ].join('\n');
}
