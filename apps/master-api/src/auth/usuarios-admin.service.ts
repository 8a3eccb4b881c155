import { hashPassword } from '@helix/secrets';
import { assertNotCommonPassword } from '@helix/sessions';
import { authErrors } from './auth.errors';
import type { AdminPrincipal, CreateAdminInput, UpdateAdminInput } from './auth.schema';
import { toEventoView } from './admin-evento.view';
import type { Mudanca, UsuarioAdmin, UsuariosAdminRepository } from './usuarios-admin.repository';

const isActiveAdmin = (user: Pick<UsuarioAdmin, 'role' | 'ativo'>) => user.role === 'admin' && user.ativo;

/** Each field the patch sets to a new value, as it is logged. */
function changesOf(current: UsuarioAdmin, next: UsuarioAdmin): Mudanca[] {
  return (['nome', 'role', 'ativo'] as const)
    .filter((campo) => current[campo] !== next[campo])
    .map((campo) => ({ campo, de: String(current[campo]), para: String(next[campo]) }));
}

/** Managing admin accounts; every change is logged with its author. */
export class UsuariosAdminService {
  constructor(private readonly users: UsuariosAdminRepository) {}

  list(): Promise<UsuarioAdmin[]> {
    return this.users.list();
  }

  async get(id: number) {
    const user = await this.users.findById(id);
    if (!user) throw authErrors.adminNotFound();
    return { ...user, historico: (await this.users.history(id)).map(toEventoView) };
  }

  async create(input: CreateAdminInput, author: AdminPrincipal) {
    assertNotCommonPassword(input.password);
    const id = await this.users.insertIfAbsent(
      { email: input.email, nome: input.nome, senhaHash: await hashPassword(input.password), role: input.role },
      author.email,
    );
    if (id === undefined) throw authErrors.adminExists();
    return this.get(id);
  }

  /**
   * Nobody deactivates or demotes themselves, nor the last active admin. The active admins stay locked
   * while the change is checked and written, so two admins demoting each other at once cannot both win.
   * A role or activation change ends the account's sessions.
   */
  update(id: number, patch: UpdateAdminInput, author: AdminPrincipal): Promise<UsuarioAdmin> {
    return this.users.inTransaction(async (connection) => {
      const locked = await this.users.lockForChange(connection, id);
      const current = locked.find((user) => user.id === id);
      if (!current) throw authErrors.adminNotFound();
      const next = { ...current, ...patch };
      if (isActiveAdmin(current) && !isActiveAdmin(next)) {
        if (id === author.id) throw authErrors.cannotChangeSelf();
        if (!locked.some((user) => isActiveAdmin(user) && user.id !== id)) throw authErrors.lastAdmin();
      }
      const changes = changesOf(current, next);
      if (changes.length > 0) {
        await this.users.update(connection, next, changes, next.role !== current.role || next.ativo !== current.ativo, author.email);
      }
      return next;
    });
  }
}
