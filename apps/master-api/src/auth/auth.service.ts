import { hashPassword, UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '@helix/secrets';
import { assertNotCommonPassword, type LoginThrottle } from '@helix/sessions';
import type { AdminSessionsRepository, SessionState } from './admin-sessions.repository';
import { authErrors } from './auth.errors';
import type { AdminPrincipal, ChangePasswordInput } from './auth.schema';
import type { AdminSessionTokens, SessionClaims } from './admin-session-tokens';
import type { UsuariosAdminRepository } from './usuarios-admin.repository';

/** Who changed an account when no admin did (the first start). */
const SYSTEM_AUTHOR = 'sistema';

const isLive = (state: SessionState | undefined, claims: SessionClaims): state is SessionState =>
  state !== undefined && state.ativo && !state.encerrada && state.sessao_versao === claims.version;

/** Admin sessions: logging in, checking a token on every request, ending sessions, changing one's password. */
export class AuthService {
  constructor(
    private readonly deps: {
      users: UsuariosAdminRepository;
      sessions: AdminSessionsRepository;
      tokens: AdminSessionTokens;
      /** Login attempts, and guesses of the current password when changing it, count alike. */
      throttle: LoginThrottle;
    },
  ) {}

  /** A wrong email and a wrong password take the same time and give the same answer. */
  login(ip: string, email: string, password: string) {
    return this.deps.throttle.attempt(ip, email, async () => {
      const user = await this.deps.users.findActiveByEmail(email);
      const valid = await verifyPassword(password, user?.senha_hash ?? UNMATCHABLE_PASSWORD_HASH);
      if (!user || !valid) throw authErrors.invalidCredentials();
      return this.deps.tokens.issue(user.id, user.sessao_versao);
    });
  }

  /**
   * The account a token names, as the database has it now: gone, deactivated, at another session
   * version (password or role changed, logged out everywhere) or this token logged out → 401.
   */
  async authenticate(token: string): Promise<{ admin: AdminPrincipal; session: SessionClaims }> {
    const session = this.deps.tokens.read(token);
    const state = await this.deps.sessions.state(session.adminId, session.jti);
    if (!isLive(state, session)) throw authErrors.sessionRevoked();
    const { id, email, nome, role } = state;
    return { admin: { id, email, nome, role }, session };
  }

  /** Token expiry is judged by jsonwebtoken against the system clock, so the purge uses the same one. */
  logout(session: SessionClaims): Promise<void> {
    return this.deps.sessions.end(session.jti, session.expiresAt, new Date());
  }

  logoutAll(admin: AdminPrincipal): Promise<void> {
    return this.deps.users.endAllSessions(admin.id, admin.email);
  }

  /** Ends every session of the account, this one included, and answers with a token for a new one. */
  async changePassword(ip: string, admin: AdminPrincipal, input: ChangePasswordInput) {
    assertNotCommonPassword(input.nova_senha);
    return this.deps.throttle.attempt(ip, admin.email, async () => {
      const currentHash = (await this.deps.users.findPasswordHash(admin.id)) ?? UNMATCHABLE_PASSWORD_HASH;
      if (!(await verifyPassword(input.senha_atual, currentHash))) throw authErrors.wrongPassword();
      const version = await this.deps.users.setPassword(admin.id, currentHash, await hashPassword(input.nova_senha), admin.email);
      if (version === undefined) throw authErrors.wrongPassword();
      return this.deps.tokens.issue(admin.id, version);
    });
  }

  /** The first start creates the configured admin; later starts leave existing users alone. */
  async bootstrapAdmin(email: string, password: string): Promise<boolean> {
    const id = await this.deps.users.insertIfAbsent(
      { email, nome: 'Administrador', senhaHash: await hashPassword(password), role: 'admin' },
      SYSTEM_AUTHOR,
    );
    return id !== undefined;
  }
}
