import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { clienteNotFound, RobotError } from '../robot.error';
import type { ClientesRepository } from './clientes.repository';
import { createClienteSchema, listClientesQuery, updateClienteSchema } from './clientes.schema';

const messages = {
  notFound: clienteNotFound,
  phoneTaken: () => new RobotError('CLIENTE_PHONE_TAKEN', 'Já existe um cliente com este telefone.'),
};

export function clientesRoutes(access: RobotAccess, clientes: ClientesRepository) {
  const common = { tag: 'Clientes finais' };
  return [
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: '/clientes',
        summary: 'Lista os clientes finais (busca por nome ou telefone; paginado)',
        query: listClientesQuery,
        handle: async ({ req, query }) => {
          const { clientes: items, total } = await clientes.list(tenantOf(req).db, query);
          return { clientes: items, paginacao: { page: query.page, per_page: query.per_page, total } };
        },
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: '/clientes/:id',
        summary: 'Um cliente final',
        params: idParam,
        handle: async ({ req, params }) =>
          (await clientes.findById(tenantOf(req).db, params.id)) ?? Promise.reject(messages.notFound(params.id)),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'post',
        path: '/clientes',
        summary: 'Cadastra um cliente final',
        body: createClienteSchema,
        status: 201,
        errors: { 409: 'Telefone já cadastrado' },
        handle: async ({ req, body }) => {
          const { db } = tenantOf(req);
          if (await clientes.findByPhone(db, body.telefone)) throw messages.phoneTaken();
          return clientes.findById(db, await clientes.insert(db, body));
        },
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/clientes/:id',
        summary: 'Altera nome, e-mail, CPF ou observações',
        params: idParam,
        body: updateClienteSchema,
        handle: async ({ req, params, body }) => {
          const { db } = tenantOf(req);
          if (!(await clientes.update(db, params.id, body))) throw messages.notFound(params.id);
          return clientes.findById(db, params.id);
        },
      }),
    ),
  ];
}
