import { unauthorized } from '@helix/http';
import { hashPassword, UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '@helix/secrets';
import jwt from 'jsonwebtoken';
import type { AdminPrincipal, AdminRole } from './auth.schema';
import type { UsuariosAdminRepository } from './usuarios-admin.repository';

const ISSUER = 'helix-master';
const AUDIENCE = 'helix-admin';

export class AuthService {
  constructor(
    private readonly users: UsuariosAdminRepository,
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  /** A wrong email and a wrong password take the same time and give the same answer. */
  async login(email: string, password: string): Promise<{ token: string; expires_in: number }> {
    const user = await this.users.findActiveByEmail(email);
    const valid = await verifyPassword(password, user?.senha_hash ?? UNMATCHABLE_PASSWORD_HASH);
    if (!user || !valid) throw unauthorized('INVALID_CREDENTIALS', 'E-mail ou senha inválidos.');
    const token = jwt.sign({ email: user.email, role: user.role }, this.secret, {
      algorithm: 'HS256',
      subject: String(user.id),
      expiresIn: this.ttlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return { token, expires_in: this.ttlSeconds };
  }

  /** Only HS256 with our secret, issuer and audience: `alg: none` and foreign tokens are refused. */
  verify(token: string): AdminPrincipal {
    try {
      const claims = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
      return { id: Number(claims.sub), email: String(claims.email), role: claims.role as AdminRole };
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthorized(expired ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN', expired ? 'Sessão expirada. Faça login novamente.' : 'Token inválido.');
    }
  }

  /** The first start creates the configured admin; later starts leave existing users alone. */
  async bootstrapAdmin(email: string, password: string): Promise<boolean> {
    return this.users.insertIfAbsent({ email, nome: 'Administrador', senhaHash: await hashPassword(password), role: 'admin' });
  }

  async createUser(email: string, password: string, role: AdminRole, nome: string): Promise<boolean> {
    return this.users.insertIfAbsent({ email, nome, senhaHash: await hashPassword(password), role });
  }
}
