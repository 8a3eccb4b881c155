import { STAFF_INVITE_TTL_SECONDS, staffInviteUrl } from '@helix/contracts';
import { hashPassword, UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '@helix/secrets';
import {
  assertNotCommonPassword,
  inviteTokenHash,
  newInvite,
  sessionsErrors,
  type InviteEmailOutcome,
  type InviteMailer,
  type LoginThrottle,
} from '@helix/sessions';
import type { RequestTenant } from '@helix/tenant-context';
import { equipeErrors } from './equipe.errors';
import type { EquipeRepository, Usuario } from './equipe.repository';
import type { CreateUsuarioInput, StaffMember, UpdateUsuarioInput } from './equipe.schema';
import type { StaffSession, StaffTokens } from './staff-tokens';

export interface EquipeDeps {
  repository: EquipeRepository;
  tokens: StaffTokens;
  /** Counted per store: an attack on one store's logins does not slow another's. */
  throttle: LoginThrottle;
  /** WEB_BASE_URL: invite links open the store's own panel. */
  webBaseUrl: string;
  /** SMTP_URL: e-mails each invite once it is stored (unset: the link is only in the answer). */
  mailer?: InviteMailer;
  clock: () => Date;
}

/** An invite as the owner gets it: the link always, and whether it was e-mailed when SMTP is set. */
export interface IssuedInvite {
  usuario: Usuario;
  convite_url: string;
  convite_email?: InviteEmailOutcome;
}

export interface StaffLogin {
  token: string;
  expira_em: string;
  usuario: StaffMember;
}

const memberOf = ({ id, email, nome, papel }: StaffMember): StaffMember => ({ id, email, nome, papel });
const isActiveOwner = (usuario: Pick<Usuario, 'papel' | 'ativo'>) => usuario.papel === 'dono' && usuario.ativo;

/** The store's staff: signing in, checking a session on every request, the owner managing the team. */
export class EquipeService {
  constructor(private readonly deps: EquipeDeps) {}

  /** A wrong e-mail and a wrong password take the same time and give the same answer. */
  login(tenant: RequestTenant, ip: string, email: string, senha: string): Promise<StaffLogin> {
    return this.deps.throttle.attempt(
      ip,
      email,
      async () => {
        const account = await this.deps.repository.findLoginByEmail(tenant.db, email);
        const valid = await verifyPassword(senha, account?.senha_hash ?? UNMATCHABLE_PASSWORD_HASH);
        if (!account || !valid) throw equipeErrors.invalidCredentials();
        return this.signIn(tenant, account, account.sessao_versao);
      },
      tenant.tenant_key,
    );
  }

  /**
   * The member a token names, as the store's database has it now. A token of another store is
   * refused before any query (401, nothing read); gone, deactivated, at another session version or
   * logged out → 401.
   */
  async authenticate(tenant: RequestTenant, token: string): Promise<{ usuario: StaffMember; session: StaffSession }> {
    const session = this.deps.tokens.read(token);
    if (session.tenantKey !== tenant.tenant_key) throw sessionsErrors.invalidToken();
    const state = await this.deps.repository.sessionState(tenant.db, session.usuarioId, session.jti);
    if (!state || !state.ativo || state.encerrada || state.sessao_versao !== session.version) throw equipeErrors.sessionRevoked();
    return { usuario: memberOf(state), session };
  }

  logout(tenant: RequestTenant, session: StaffSession): Promise<void> {
    return this.deps.repository.endSession(tenant.db, session.jti, session.expiresAt, this.deps.clock());
  }

  /** Sets the password an invite was sent for (once, before it expires) and signs the member in. */
  async acceptInvite(tenant: RequestTenant, token: string, senha: string): Promise<StaffLogin> {
    assertNotCommonPassword(senha);
    const account = await this.deps.repository.acceptInvite(
      tenant.db,
      inviteTokenHash(token),
      await hashPassword(senha),
      this.deps.clock(),
    );
    if (!account) throw equipeErrors.inviteInvalid();
    return this.signIn(tenant, account, account.sessao_versao);
  }

  list(tenant: RequestTenant): Promise<Usuario[]> {
    return this.deps.repository.list(tenant.db);
  }

  /** The new member and the one-time link to send them (shown once: only its hash is kept). */
  async create(tenant: RequestTenant, input: CreateUsuarioInput): Promise<IssuedInvite> {
    if (await this.deps.repository.emailExists(tenant.db, input.email)) throw equipeErrors.emailTaken();
    const invite = newInvite(this.deps.clock(), STAFF_INVITE_TTL_SECONDS);
    const id = await this.deps.repository.insert(tenant.db, input, invite);
    return this.issued(tenant, await this.get(tenant, id), invite.token);
  }

  /** The last active owner can be neither demoted nor deactivated: someone must be able to manage the store. */
  async update(tenant: RequestTenant, id: number, patch: UpdateUsuarioInput): Promise<Usuario> {
    const outcome = await this.deps.repository.update(tenant.db, id, patch, (target, activeOwners) => {
      const staysActiveOwner = isActiveOwner({ papel: patch.papel ?? target.papel, ativo: patch.ativo ?? target.ativo });
      return !isActiveOwner(target) || staysActiveOwner || activeOwners > 1;
    });
    if (outcome === 'not-found') throw equipeErrors.usuarioNotFound(id);
    if (outcome === 'last-owner') throw equipeErrors.lastOwner();
    return this.get(tenant, id);
  }

  /** A new one-time link (the previous one stops working): for a lost invite or a forgotten password. */
  async reinvite(tenant: RequestTenant, id: number): Promise<IssuedInvite> {
    const invite = newInvite(this.deps.clock(), STAFF_INVITE_TTL_SECONDS);
    if (!(await this.deps.repository.setInvite(tenant.db, id, invite))) throw equipeErrors.usuarioNotFound(id);
    return this.issued(tenant, await this.get(tenant, id), invite.token);
  }

  private async get(tenant: RequestTenant, id: number): Promise<Usuario> {
    return (await this.deps.repository.findById(tenant.db, id)) ?? Promise.reject(equipeErrors.usuarioNotFound(id));
  }

  /** The invite is already stored: a mail failure only changes what the answer says. */
  private async issued(tenant: RequestTenant, usuario: Usuario, token: string): Promise<IssuedInvite> {
    const convite_url = staffInviteUrl(this.deps.webBaseUrl, tenant.resolution.tenant, token);
    if (!this.deps.mailer) return { usuario, convite_url };
    const convite_email = await this.deps.mailer.send({ para: usuario.email, loja: tenant.resolution.tenant.nome, url: convite_url });
    return { usuario, convite_url, convite_email };
  }

  private signIn(tenant: RequestTenant, member: StaffMember, version: number): StaffLogin {
    const { token, expiresAt } = this.deps.tokens.issue(tenant.tenant_key, member.id, version);
    return { token, expira_em: expiresAt.toISOString(), usuario: memberOf(member) };
  }
}
