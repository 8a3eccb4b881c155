import type { TenantDb } from '@helix/tenant-context';
import type { Cliente, ClientesRepository } from '../clientes/clientes.repository';

/**
 * Who writes to the AI seller: looked up before the AI call (the conversation so far, the name),
 * and made sure of inside the reply's transaction, so a customer is created or linked only with a
 * reply that is stored and billed.
 */
export interface ChatCustomer {
  find(db: TenantDb): Promise<Cliente | null>;
  ensure(db: TenantDb): Promise<number>;
}

/** POST /chat's customer: the one with this phone, created on its first message. */
export const customerByPhone = (clientes: ClientesRepository, telefone: string, nome: string | null): ChatCustomer => ({
  find: (db) => clientes.findByPhone(db, telefone),
  ensure: (db) => clientes.upsertByPhone(db, telefone, nome),
});
