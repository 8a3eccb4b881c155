import { defineRoute, notFound } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { conversasRepository as conversas } from './conversas.repository';
import { listConversasQuery, updateConversaSchema } from './conversas.schema';

const conversaNotFound = (id: number) => notFound('CONVERSA_NOT_FOUND', `Conversa ${id} não encontrada.`);

export function conversasRoutes(access: RobotAccess) {
  const common = { tag: 'Conversas' };
  return [
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: '/conversas',
        summary: 'Lista conversas (filtros status, cliente_id; mais recentes primeiro)',
        query: listConversasQuery,
        handle: async ({ req, query }) => {
          const { conversas: items, total } = await conversas.list(tenantOf(req).db, query);
          return { conversas: items, paginacao: { page: query.page, per_page: query.per_page, total } };
        },
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: '/conversas/:id',
        summary: 'Uma conversa com suas mensagens (as 500 mais recentes)',
        params: idParam,
        handle: ({ req, params }) =>
          tenantOf(req).db.session(async (db) => {
            const conversa = await conversas.findById(db, params.id);
            if (!conversa) throw conversaNotFound(params.id);
            return { ...conversa, mensagens: await conversas.messages(db, params.id) };
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/conversas/:id',
        summary: 'Muda o status (novo, em_andamento, negociando, fechado, perdido)',
        params: idParam,
        body: updateConversaSchema,
        handle: async ({ req, params, body }) => {
          const { db } = tenantOf(req);
          if (!(await conversas.setStatus(db, params.id, body.status))) throw conversaNotFound(params.id);
          return conversas.findById(db, params.id);
        },
      }),
    ),
  ];
}
