import { defineRoute, notFound } from '@helix/http';
import { idParam, type RobotAccess } from '@helix/robot-core';
import { tenantOf } from '@helix/tenant-context';
import { imoveisRepository as imoveis } from './imoveis.repository';
import { createImovelSchema, listImoveisQuery, updateImovelSchema } from './imoveis.schema';

const imovelNotFound = (id: number) => notFound('IMOVEL_NOT_FOUND', `Imóvel ${id} não encontrado.`);

export function imoveisRoutes(access: RobotAccess) {
  const common = { tag: 'Imóveis' };
  return [
    access.storefront(
      defineRoute({
        ...common,
        method: 'get',
        path: '/imoveis',
        summary: 'Vitrine: imóveis com fotos (filtros tipo, finalidade, bairro, cidade, quartos_min, area_min, preco_min, preco_max, status; paginado). Pública.',
        query: listImoveisQuery,
        handle: async ({ req, query }) => {
          const tenant = tenantOf(req);
          const { imoveis: items, total } = await tenant.db.session((db) => imoveis.list(db, query));
          return { success: true, tenant: tenant.nome, imoveis: items, paginacao: { page: query.page, per_page: query.per_page, total } };
        },
      }),
    ),
    access.storefront(
      defineRoute({
        ...common,
        method: 'get',
        path: '/imoveis/:id',
        summary: 'Um imóvel com fotos. Pública.',
        params: idParam,
        handle: async ({ req, params }) =>
          (await tenantOf(req).db.session((db) => imoveis.findById(db, params.id))) ?? Promise.reject(imovelNotFound(params.id)),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'post',
        path: '/imoveis',
        summary: 'Cadastra um imóvel',
        body: createImovelSchema,
        status: 201,
        handle: ({ req, body }) => tenantOf(req).db.session(async (db) => imoveis.findById(db, await imoveis.insert(db, body))),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'patch',
        path: '/imoveis/:id',
        summary: 'Altera dados, preço ou status (disponivel, reservado, vendido, alugado)',
        params: idParam,
        body: updateImovelSchema,
        handle: ({ req, params, body }) =>
          tenantOf(req).db.session(async (db) => {
            if (!(await imoveis.update(db, params.id, body))) throw imovelNotFound(params.id);
            return imoveis.findById(db, params.id);
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'delete',
        path: '/imoveis/:id',
        summary: 'Remove um imóvel (e suas fotos); recusado se houver visitas dele',
        params: idParam,
        status: 204,
        errors: { 409: 'Imóvel com visitas' },
        handle: async ({ req, params }) => {
          if (!(await imoveis.remove(tenantOf(req).db, params.id))) throw imovelNotFound(params.id);
        },
      }),
    ),
  ];
}
