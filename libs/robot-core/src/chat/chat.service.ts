import {
  bindableTenant,
  type QuotaReservation,
  type QuotaReservations,
  type RequestTenant,
  type UsageShipper,
} from '@helix/tenant-context';
import { AiUnavailableError, type AiProvider, type AiRequest, type ChatTurn } from '../ai/ai-provider';
import type { ConversasRepository } from '../conversas/conversas.repository';
import { searchTerms } from '../search-terms';
import { RobotError } from '../robot.error';
import type { VerticalCatalogue } from '../vertical';
import type { ChatCustomer } from './chat-customer';

/** Turns of the conversation the AI sees, and offers it may present. */
const HISTORY_TURNS = 10;
const OFFERS = 5;

export interface ChatReply {
  resposta: string;
  conversa_id: number;
  tokens: number;
}

/** What the customer wrote, and the name it may have given. */
export interface ChatMessage {
  mensagem: string;
  nome?: string;
}

export interface ChatDeps {
  catalogue: VerticalCatalogue;
  conversas: ConversasRepository;
  ai: AiProvider;
  quota: QuotaReservations;
  shipper: Pick<UsageShipper, 'recorded'>;
  clock: () => Date;
}

/**
 * The AI seller. Reads what it needs, reserves the reply's upper bound against the plan (QUOTA_EXCEEDED when
 * it does not fit, before any AI call), asks the AI with no connection held, then settles the real
 * usage, stores both messages and moves the conversation on in one transaction: a reply is either
 * fully stored and billed, or not at all, and then its reservation is released.
 */
export class ChatService {
  constructor(private readonly deps: ChatDeps) {}

  async reply(tenant: RequestTenant, customer: ChatCustomer, input: ChatMessage): Promise<ChatReply> {
    const receivedAt = this.deps.clock();
    const request = await this.aiRequest(tenant, customer, input);
    // The bound counts the messages actually sent, so it comes after the context is read.
    const reservation = await this.deps.quota.reserve(tenant, { mensagens: 1, tokens: await this.deps.ai.tokenUpperBound(request) });
    const stored = await this.answer(tenant, customer, input, request, reservation, receivedAt).catch(async (error) => {
      // Nothing was stored or billed. Should even this fail, the reservation lapses at its expiry.
      await this.deps.quota.release(tenant.db, reservation).catch(() => undefined);
      throw error;
    });
    this.deps.shipper.recorded(bindableTenant(tenant.resolution));
    return stored;
  }

  private async answer(
    tenant: RequestTenant,
    customer: ChatCustomer,
    input: ChatMessage,
    request: AiRequest,
    reservation: QuotaReservation,
    receivedAt: Date,
  ): Promise<ChatReply> {
    const reply = await this.deps.ai.reply(request).catch((error) => {
      if (error instanceof AiUnavailableError) {
        throw new RobotError('AI_UNAVAILABLE', 'O assistente está indisponível no momento. Tente novamente em instantes.', {
          retryAfterSeconds: 10,
        });
      }
      throw error;
    });
    const repliedAt = this.deps.clock();
    const { conversas } = this.deps;
    const conversaId = await tenant.db.transaction(async (db) => {
      // First: the month counter's lock also queues the tenant's concurrent replies behind one another.
      await this.deps.quota.settle(db, reservation, { mensagens: 1, tokens: reply.tokens.total });
      const clienteId = await customer.ensure(db);
      const id = await conversas.openFor(db, clienteId);
      await conversas.addMessage(db, { conversaId: id, clienteId, tipo: 'recebida', conteudo: input.mensagem, at: receivedAt });
      await conversas.addMessage(db, { conversaId: id, clienteId, tipo: 'enviada', conteudo: reply.texto, at: repliedAt });
      await conversas.touch(db, id, reply.texto, repliedAt);
      return id;
    });
    return { resposta: reply.texto, conversa_id: conversaId, tokens: reply.tokens.total };
  }

  /** What the AI is asked: the customer's open conversation so far, and the offers that match. */
  private async aiRequest(tenant: RequestTenant, customer: ChatCustomer, input: ChatMessage): Promise<AiRequest> {
    const { conversas } = this.deps;
    return tenant.db.session(async (db) => {
      const cliente = await customer.find(db);
      const conversaId = cliente ? await conversas.findOpenFor(db, cliente.id) : null;
      const historico = conversaId ? await conversas.messages(db, conversaId, HISTORY_TURNS) : [];
      const terms = searchTerms(input.mensagem);
      return {
        vertical: this.deps.catalogue.vertical,
        lojaNome: tenant.nome,
        clienteNome: cliente?.nome ?? input.nome ?? null,
        mensagem: input.mensagem,
        historico: historico.map((m): ChatTurn => ({ role: m.tipo === 'recebida' ? 'user' : 'assistant', content: m.conteudo })),
        ofertas: terms.length ? await this.deps.catalogue.findOffers(db, terms, OFFERS) : [],
        totalEstoque: await this.deps.catalogue.countAvailable(db),
      };
    });
  }
}
