import { defineRoute } from '@helix/http';
import { tenantOf, type TenantDb } from '@helix/tenant-context';
import type { z } from 'zod';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { resourceNotFound } from '../robot.error';
import type { PageQuery } from '../sql-filters';

/**
 * A vertical's inventory table, read and written on the tenant's connection. `list` and `findById`
 * also serve the storefront under the catalogue reader: they name tables only through `db.table`.
 */
export interface CatalogueRepository<Item, ListQuery extends PageQuery, Create, Update> {
  list(db: TenantDb, query: ListQuery): Promise<{ items: Item[]; total: number }>;
  findById(db: TenantDb, id: number): Promise<Item | null>;
  insert(db: TenantDb, input: Create): Promise<number>;
  update(db: TenantDb, id: number, changes: Update): Promise<boolean>;
  /** False when there was no such item. */
  remove(db: TenantDb, id: number): Promise<boolean>;
}

/** What makes `/veiculos` and `/imoveis` differ: names, schemas, words and the repository. */
export interface CatalogueResource<ListQuery extends PageQuery, Create, Update, Item> {
  /** `/veiculos` */
  path: string;
  tag: string;
  /** Key of the page's items in the listing, as the seed has it (`veiculos`). */
  listKey: string;
  /** Item name in messages (`Veículo`) and the not-found code (`VEICULO_NOT_FOUND`). */
  label: string;
  notFoundCode: string;
  schemas: { list: z.ZodType<ListQuery>; create: z.ZodType<Create>; update: z.ZodType<Update> };
  summaries: { list: string; one: string; create: string; update: string; remove: string; removeConflict: string };
  repository: CatalogueRepository<Item, ListQuery, Create, Update>;
}

/** The storefront reads (public) and the back-office writes (API key) of a vertical's inventory. */
export function catalogueRoutes<ListQuery extends PageQuery, Create, Update, Item>(
  access: RobotAccess,
  resource: CatalogueResource<ListQuery, Create, Update, Item>,
) {
  const { path, tag, repository, schemas, summaries } = resource;
  const missing = (id: number) => resourceNotFound(resource.notFoundCode, `${resource.label} ${id} não encontrado.`);
  return [
    access.storefront(
      defineRoute({
        tag,
        method: 'get',
        path,
        summary: summaries.list,
        query: schemas.list,
        handle: async ({ req, query }) => {
          const tenant = tenantOf(req);
          const { items, total } = await tenant.db.catalogueSession((db) => repository.list(db, query));
          return {
            success: true,
            tenant: tenant.nome,
            [resource.listKey]: items,
            paginacao: { page: query.page, per_page: query.per_page, total },
          };
        },
      }),
    ),
    access.storefront(
      defineRoute({
        tag,
        method: 'get',
        path: `${path}/:id`,
        summary: summaries.one,
        params: idParam,
        handle: async ({ req, params }) =>
          (await tenantOf(req).db.catalogueSession((db) => repository.findById(db, params.id))) ?? Promise.reject(missing(params.id)),
      }),
    ),
    access.apiKey(
      defineRoute({
        tag,
        method: 'post',
        path,
        summary: summaries.create,
        body: schemas.create,
        status: 201,
        handle: ({ req, body }) => tenantOf(req).db.session(async (db) => repository.findById(db, await repository.insert(db, body))),
      }),
    ),
    access.apiKey(
      defineRoute({
        tag,
        method: 'patch',
        path: `${path}/:id`,
        summary: summaries.update,
        params: idParam,
        body: schemas.update,
        handle: ({ req, params, body }) =>
          tenantOf(req).db.session(async (db) => {
            if (!(await repository.update(db, params.id, body))) throw missing(params.id);
            return repository.findById(db, params.id);
          }),
      }),
    ),
    access.apiKey(
      defineRoute({
        tag,
        method: 'delete',
        path: `${path}/:id`,
        summary: summaries.remove,
        params: idParam,
        status: 204,
        errors: { 409: summaries.removeConflict },
        handle: async ({ req, params }) => {
          if (!(await repository.remove(tenantOf(req).db, params.id))) throw missing(params.id);
        },
      }),
    ),
  ];
}
