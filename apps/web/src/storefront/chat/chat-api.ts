import { api, isApiError } from '../../shared/api';
import { asVisitor } from '../visitor-session';

/** `recebida`: the visitor's, as the store received it; `enviada`: the store's AI seller's reply. */
export interface ChatMessage {
  id: string | number;
  tipo: 'recebida' | 'enviada';
  conteudo: string;
  em: string;
}

export interface Contato {
  nome: string;
  telefone: string;
}

interface ConversaAnswer {
  visitante: { nome: string | null; telefone: string | null };
  conversa: null | { id: number; mensagens: ChatMessage[] };
}

/** The visitor's open conversation, to show again after a reload; a visitor without a session has none yet. */
export async function loadConversation(): Promise<{ mensagens: ChatMessage[]; contato: Contato }> {
  try {
    const answer = await api<ConversaAnswer>('/visitante/conversa');
    return {
      mensagens: answer.conversa?.mensagens ?? [],
      contato: { nome: answer.visitante.nome ?? '', telefone: answer.visitante.telefone ?? '' },
    };
  } catch (error) {
    if (isApiError(error) && error.status === 401) return { mensagens: [], contato: { nome: '', telefone: '' } };
    throw error;
  }
}

/** One message to the AI seller (opening the visitor's session first if needed); its reply. */
export async function sendMessage(mensagem: string, contato: Contato): Promise<string> {
  const body = {
    mensagem,
    ...(contato.nome.trim() ? { nome: contato.nome.trim() } : {}),
    ...(contato.telefone.trim() ? { telefone: contato.telefone.trim() } : {}),
  };
  const answer = await asVisitor(() => api<{ resposta: string }>('/visitante/chat', { method: 'POST', body }));
  return answer.resposta;
}
