import { defineRoute } from '@helix/http';
import { listServers, type AdminServers } from '@helix/tenant-ops';
import type { Pool } from '@helix/db';
import type { RequestHandler } from 'express';
import type { AdminRole } from '../auth/auth.schema';

const AUTH_ERRORS = { 401: 'Sem token válido', 403: 'Perfil sem permissão' };

/** The fleet of tenant database servers, as `helix servers list` shows it (changes to it stay with the CLI). */
export function servidoresRoutes(db: Pool, servers: AdminServers, requireAdmin: (role: AdminRole) => RequestHandler) {
  return [
    defineRoute({
      tag: 'Servidores',
      security: 'adminJwt',
      method: 'get',
      path: '/servidores',
      summary: 'Servidores dos bancos dos clientes: estado, clientes/capacidade, tamanho dos bancos, vagas e se respondem agora',
      guards: [requireAdmin('admin')],
      errors: AUTH_ERRORS,
      handle: () => listServers({ master: db, servers }),
    }),
  ];
}
