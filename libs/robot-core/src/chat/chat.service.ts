import { randomUUID } from 'node:crypto';
import { AppError } from '@helix/http';
import { assertWithinQuota, bindableTenant, recordUsage, type RequestTenant, type UsageLedger, type UsageShipper } from '@helix/tenant-context';
import { AiUnavailableError, type AiProvider, type ChatTurn } from '../ai/ai-provider';
import { clientesRepository as clientes } from '../clientes/clientes.repository';
import { conversasRepository as conversas } from '../conversas/conversas.repository';
import { searchTerms } from '../search-terms';
import type { VerticalCatalogue } from '../vertical';
import type { ChatInput } from './chat.schema';

/** Turns of the conversation the AI sees, and offers it may present. */
const HISTORY_TURNS = 10;
const OFFERS = 5;

export interface ChatReply {
  resposta: string;
  conversa_id: number;
  tokens: number;
}

export interface ChatDeps {
  catalogue: VerticalCatalogue;
  ai: AiProvider;
  ledger: UsageLedger;
  shipper: Pick<UsageShipper, 'recorded'>;
  clock: () => Date;
}

/**
 * The AI seller. Reads what it needs, asks the AI with no connection held, then stores both
 * messages, moves the conversation on and records the usage event in one transaction: a reply is
 * either fully stored and billed, or not at all.
 */
export class ChatService {
  constructor(private readonly deps: ChatDeps) {}

  async reply(tenant: RequestTenant, input: ChatInput): Promise<ChatReply> {
    assertWithinQuota(tenant.resolution, this.deps.ledger.pendingFor(tenant.tenant_key));

    const context = await tenant.db.session(async (db) => {
      const cliente = await clientes.findByPhone(db, input.telefone);
      const conversaId = cliente ? await conversas.findOpenFor(db, cliente.id) : null;
      const historico = conversaId ? await conversas.messages(db, conversaId, HISTORY_TURNS) : [];
      const terms = searchTerms(input.mensagem);
      return {
        clienteNome: cliente?.nome ?? input.nome ?? null,
        conversaId,
        historico: historico.map((m): ChatTurn => ({ role: m.tipo === 'recebida' ? 'user' : 'assistant', content: m.conteudo })),
        ofertas: terms.length ? await this.deps.catalogue.findOffers(db, terms, OFFERS) : [],
        totalEstoque: await this.deps.catalogue.countAvailable(db),
      };
    });

    const receivedAt = this.deps.clock();
    const reply = await this.deps.ai
      .reply({
        vertical: this.deps.catalogue.vertical,
        lojaNome: tenant.nome,
        clienteNome: context.clienteNome,
        mensagem: input.mensagem,
        historico: context.historico,
        ofertas: context.ofertas,
        totalEstoque: context.totalEstoque,
      })
      .catch((error) => {
        if (error instanceof AiUnavailableError) {
          throw new AppError(503, 'AI_UNAVAILABLE', 'O assistente está indisponível no momento. Tente novamente em instantes.', undefined, { 'Retry-After': '10' });
        }
        throw error;
      });

    const event = { id: randomUUID(), mensagens: 1, tokens: reply.tokens.total, at: this.deps.clock() };
    const conversaId = await tenant.db.transaction(async (db) => {
      const clienteId = await clientes.upsertByPhone(db, input.telefone, input.nome ?? null);
      const id = context.conversaId ?? (await conversas.insert(db, clienteId));
      await conversas.addMessage(db, { conversaId: id, clienteId, tipo: 'recebida', conteudo: input.mensagem, at: receivedAt });
      await conversas.addMessage(db, { conversaId: id, clienteId, tipo: 'enviada', conteudo: reply.texto, at: event.at });
      await conversas.touch(db, id, reply.texto, event.at);
      await recordUsage(db, event);
      return id;
    });
    this.deps.ledger.add(tenant.tenant_key, event);
    this.deps.shipper.recorded(bindableTenant(tenant.resolution));
    return { resposta: reply.texto, conversa_id: conversaId, tokens: reply.tokens.total };
  }
}
