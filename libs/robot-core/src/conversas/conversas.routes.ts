import { duplicateKeyName } from '@helix/db';
import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { RobotError } from '../robot.error';
import { OPEN_CONVERSA_KEY, type ConversasRepository } from './conversas.repository';
import { listConversasQuery, updateConversaSchema } from './conversas.schema';

const conversaNotFound = (id: number) => new RobotError('CONVERSA_NOT_FOUND', `Conversa ${id} não encontrada.`);
const anotherOpen = () =>
  new RobotError('CONVERSA_ALREADY_OPEN', 'O cliente já tem outra conversa aberta. Encerre-a antes de reabrir esta.');

export function conversasRoutes(access: RobotAccess, conversas: ConversasRepository) {
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
        errors: { 409: 'O cliente já tem outra conversa aberta' },
        params: idParam,
        body: updateConversaSchema,
        handle: async ({ req, params, body }) => {
          const { db } = tenantOf(req);
          // Reopening one while the customer has another open is refused by the one-open-conversation key.
          const changed = await conversas.setStatus(db, params.id, body.status).catch((error) => {
            throw duplicateKeyName(error) === OPEN_CONVERSA_KEY ? anotherOpen() : error;
          });
          if (!changed) throw conversaNotFound(params.id);
          return conversas.findById(db, params.id);
        },
      }),
    ),
  ];
}
