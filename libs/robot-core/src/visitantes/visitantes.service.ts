import { randomUUID } from 'node:crypto';
import type { RequestTenant, TenantDb } from '@helix/tenant-context';
import type { bookingRules } from '../bookings/booking-rules';
import type { BookingInput } from '../bookings/bookings.schema';
import type { BookingsRepository } from '../bookings/bookings.repository';
import type { ChatCustomer } from '../chat/chat-customer';
import type { ClientesRepository } from '../clientes/clientes.repository';
import type { ConversasRepository } from '../conversas/conversas.repository';
import type { VisitorContact } from './visitantes.schema';
import type { Visitante, VisitantesRepository } from './visitantes.repository';
import { visitanteErrors } from './visitantes.errors';
import type { VisitorTokens } from './visitor-token';

/** The newest messages a visitor sees again when it comes back. */
const MESSAGES_SHOWN = 100;
const SLOT_TAKEN = 'Esse horário já foi reservado. Escolha outro.';

export interface VisitantesDeps {
  visitantes: VisitantesRepository;
  clientes: ClientesRepository;
  conversas: ConversasRepository;
  bookings: BookingsRepository;
  bookingRules: ReturnType<typeof bookingRules>;
  tokens: VisitorTokens;
  clock: () => Date;
}

/**
 * A store's anonymous visitors. A visitor is a session until it writes: its first message or
 * booking makes it a customer (without a phone until it gives one); a phone that is already a
 * customer's makes the visitor that customer, so a returning customer finds its history.
 */
export class VisitantesService {
  constructor(private readonly deps: VisitantesDeps) {}

  async open(tenant: RequestTenant): Promise<{ token: string; expira_em: string; visitante_id: string }> {
    const id = randomUUID();
    await this.deps.visitantes.insert(tenant.db, id, this.deps.clock());
    const { token, expiresAt } = this.deps.tokens.issue(tenant.tenant_key, id);
    return { token, expira_em: expiresAt.toISOString(), visitante_id: id };
  }

  /** What the visitor's chat shows when the page opens again: its open conversation, if any. */
  conversation(tenant: RequestTenant, visitanteId: string) {
    const { clientes, conversas } = this.deps;
    return tenant.db.session(async (db) => {
      const visitante = await this.known(db, visitanteId);
      const cliente = visitante.cliente_id === null ? null : await clientes.findById(db, visitante.cliente_id);
      const conversaId = cliente ? await conversas.findOpenFor(db, cliente.id) : null;
      const shown = { visitante: { nome: cliente?.nome ?? null, telefone: cliente?.telefone ?? null } };
      if (conversaId === null) return { ...shown, conversa: null };
      const mensagens = await conversas.messages(db, conversaId, MESSAGES_SHOWN);
      return {
        ...shown,
        conversa: { id: conversaId, mensagens: mensagens.map((m) => ({ id: m.id, tipo: m.tipo, conteudo: m.conteudo, em: m.enviada_em })) },
      };
    });
  }

  /** The visitor as the AI seller's customer: made sure of only when the reply is stored. */
  chatCustomer(visitanteId: string, contato: VisitorContact): ChatCustomer {
    const { clientes } = this.deps;
    return {
      find: async (db) => {
        const visitante = await this.known(db, visitanteId);
        const owner = contato.telefone ? await clientes.findByPhone(db, contato.telefone) : null;
        if (owner || visitante.cliente_id === null) return owner;
        return clientes.findById(db, visitante.cliente_id);
      },
      ensure: (db) => this.customerOf(db, visitanteId, contato),
    };
  }

  /** A booking in the visitor's name; the same slot rules as the back office's, the refusal in a visitor's words. */
  book(tenant: RequestTenant, visitanteId: string, contato: VisitorContact, reserva: Omit<BookingInput, 'cliente_id'>) {
    const { bookings, bookingRules: rules } = this.deps;
    rules.assertBookable(tenant, reserva.data_agendada);
    return tenant.db.transaction(async (db) => {
      if (reserva.item_id !== null && !(await bookings.itemExists(db, reserva.item_id))) throw rules.itemNotFound(reserva.item_id);
      const clienteId = await this.customerOf(db, visitanteId, contato);
      return bookings.findById(db, await rules.slotGuarded(() => bookings.insert(db, { ...reserva, cliente_id: clienteId }), SLOT_TAKEN));
    });
  }

  /** Inside the caller's transaction, the visitor locked: its customer, created or linked now. */
  private async customerOf(db: TenantDb, visitanteId: string, contato: VisitorContact): Promise<number> {
    const visitante = await this.deps.visitantes.lock(db, visitanteId);
    if (!visitante) throw visitanteErrors.sessionInvalid();
    const clienteId = await this.customerFor(db, visitante.cliente_id, contato);
    await this.deps.visitantes.link(db, visitanteId, clienteId, this.deps.clock());
    return clienteId;
  }

  private async customerFor(db: TenantDb, current: number | null, { nome, telefone }: VisitorContact): Promise<number> {
    const { clientes } = this.deps;
    if (telefone) {
      // The phone's customer, if there is one, is who the visitor is; else its own customer takes the phone.
      const owner = await clientes.findByPhone(db, telefone);
      if (!owner && current !== null && (await clientes.claimPhone(db, current, telefone, nome ?? null))) return current;
      return clientes.upsertByPhone(db, telefone, nome ?? null);
    }
    if (current === null) return clientes.insertWithoutPhone(db, nome ?? null);
    if (nome) await clientes.fillName(db, current, nome);
    return current;
  }

  /** A token may outlive its visitor's row (a store restored from a backup): the visitor then opens a new session. */
  private async known(db: TenantDb, visitanteId: string): Promise<Visitante> {
    return (await this.deps.visitantes.find(db, visitanteId)) ?? Promise.reject(visitanteErrors.sessionInvalid());
  }
}
