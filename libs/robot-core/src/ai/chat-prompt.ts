import type { AiRequest, CatalogueItem } from './ai-provider';
import { availableItems, VERTICAL_TERMS } from './vertical-terms';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Tenant- and customer-supplied text goes into the system prompt on one line, so a newline in a
 * title or a name cannot start a line that reads like one of our rules.
 */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const renderOffer = (item: CatalogueItem): string => `${oneLine(item.titulo)} — ${oneLine(item.detalhes)}`;

/** The one prompt both providers send: the seller's brief and the matching stock, the history, the new message. */
export function buildChatMessages(request: AiRequest): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt(request) },
    ...request.historico.map((turn) => ({ role: turn.role, content: turn.content })),
    { role: 'user', content: request.mensagem },
  ];
}

function systemPrompt(request: AiRequest): string {
  const terms = VERTICAL_TERMS[request.vertical];
  const cliente = request.clienteNome?.trim()
    ? `O cliente se chama ${oneLine(request.clienteNome)}.`
    : 'O nome do cliente ainda não é conhecido.';
  const ofertas = request.ofertas.length
    ? ['Ofertas do estoque que correspondem à mensagem do cliente:', ...request.ofertas.map((item, i) => `${i + 1}. ${renderOffer(item)}`)]
    : [`Nenhum ${terms.item} do estoque corresponde à mensagem do cliente.`];
  return [
    `Você é um ${terms.vendedor} educado e prestativo de ${oneLine(request.lojaNome)}, ${terms.negocio}. Responda sempre em português do Brasil, de forma curta e cordial.`,
    cliente,
    `No total, há ${availableItems(terms, request.totalEstoque)}.`,
    '',
    ...ofertas,
    '',
    'Regras:',
    `- Ofereça somente ${terms.itens} da lista acima; nunca invente estoque, preços, condições ou características que não estejam nela.`,
    `- Se nada da lista atender, diga que no momento não há essa opção e peça ao cliente para descrever o que procura (${terms.criterios}).`,
    `- Quando o cliente demonstrar interesse, convide-o a ${terms.proximoPasso}.`,
  ].join('\n');
}
