import { defineRoute, notFound } from '@helix/http';
import { idParam, type RobotAccess } from '@helix/robot-core';
import { tenantOf } from '@helix/tenant-context';
import { veiculosRepository as veiculos } from './veiculos.repository';
import { createVeiculoSchema, listVeiculosQuery, updateVeiculoSchema } from './veiculos.schema';

const veiculoNotFound = (id: number) => notFound('VEICULO_NOT_FOUND', `Veículo ${id} não encontrado.`);

export function veiculosRoutes(access: RobotAccess) {
  const common = { tag: 'Veículos' };
  return [
    access.storefront(
      defineRoute({
        ...common,
        method: 'get',
        path: '/veiculos',
        summary: 'Vitrine: veículos com fotos (filtros marca, modelo, ano_min, ano_max, preco_max, status; paginado). Pública.',
        query: listVeiculosQuery,
        handle: async ({ req, query }) => {
          const tenant = tenantOf(req);
          const { veiculos: items, total } = await tenant.db.session((db) => veiculos.list(db, query));
          return { success: true, tenant: tenant.nome, veiculos: items, paginacao: { page: query.page, per_page: query.per_page, total } };
        },
      }),
    ),
    access.storefront(
      defineRoute({
        ...common,
        method: 'get',
        path: '/veiculos/:id',
        summary: 'Um veículo com fotos. Pública.',
        params: idParam,
        handle: async ({ req, params }) =>
          (await tenantOf(req).db.session((db) => veiculos.findById(db, params.id))) ?? Promise.reject(veiculoNotFound(params.id)),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'post',
        path: '/veiculos',
        summary: 'Cadastra um veículo',
        body: createVeiculoSchema,
        status: 201,
        handle: ({ req, body }) => tenantOf(req).db.session(async (db) => veiculos.findById(db, await veiculos.insert(db, body))),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/veiculos/:id',
        summary: 'Altera dados, preço ou status (disponivel, reservado, vendido)',
        params: idParam,
        body: updateVeiculoSchema,
        handle: ({ req, params, body }) =>
          tenantOf(req).db.session(async (db) => {
            if (!(await veiculos.update(db, params.id, body))) throw veiculoNotFound(params.id);
            return veiculos.findById(db, params.id);
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'delete',
        path: '/veiculos/:id',
        summary: 'Remove um veículo (e suas fotos); recusado se houver agendamentos dele',
        params: idParam,
        status: 204,
        errors: { 409: 'Veículo com agendamentos' },
        handle: async ({ req, params }) => {
          if (!(await veiculos.remove(tenantOf(req).db, params.id))) throw veiculoNotFound(params.id);
        },
      }),
    ),
  ];
}
