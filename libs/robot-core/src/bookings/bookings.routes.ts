import { defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { ClientesRepository } from '../clientes/clientes.repository';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { clienteNotFound, resourceNotFound } from '../robot.error';
import type { BookingKind } from './booking-kind';
import { bookingRules } from './booking-rules';
import type { BookingsRepository } from './bookings.repository';
import { bookingSchemas } from './bookings.schema';

/** `/agendamentos` (carros) or `/visitas` (imoveis): list, read, book, reschedule or change status. */
export function bookingRoutes(
  access: RobotAccess,
  kind: BookingKind,
  { bookings, clientes }: { bookings: BookingsRepository; clientes: ClientesRepository },
  clock: () => Date,
) {
  const schemas = bookingSchemas(kind);
  const rules = bookingRules(kind, clock);
  const notFound = (id: number) => resourceNotFound(`${kind.table.toUpperCase()}_NOT_FOUND`, `${kind.label} ${id} não encontrado(a).`);
  const common = { tag: kind.tag };

  return [
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: kind.path,
        summary: `Lista (filtros status, cliente_id, ${kind.item.field}, de, ate; paginado)`,
        query: schemas.list,
        handle: async ({ req, query }) => {
          const { items, total } = await bookings.list(tenantOf(req).db, query);
          return { [kind.table]: items, paginacao: { page: query.page, per_page: query.per_page, total } };
        },
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'get',
        path: `${kind.path}/:id`,
        summary: `Um(a) ${kind.label.toLowerCase()}`,
        params: idParam,
        handle: async ({ req, params }) => (await bookings.findById(tenantOf(req).db, params.id)) ?? Promise.reject(notFound(params.id)),
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'post',
        path: kind.path,
        summary: `Marca de hoje a dois anos, em horários cheios ou meias horas; o mesmo item não pode ser marcado duas vezes no mesmo horário`,
        body: schemas.create,
        status: 201,
        errors: { 409: 'Horário já ocupado para este item' },
        handle: ({ req, body }) => {
          rules.assertBookable(tenantOf(req), body.data_agendada);
          return tenantOf(req).db.transaction(async (db) => {
            if (!(await clientes.findById(db, body.cliente_id))) throw clienteNotFound(body.cliente_id);
            if (body.item_id !== null && !(await bookings.itemExists(db, body.item_id))) throw rules.itemNotFound(body.item_id);
            return bookings.findById(db, await rules.slotGuarded(() => bookings.insert(db, body)));
          });
        },
      }),
    ),
    access.apiKey(
      defineRoute({
        ...common,
        method: 'patch',
        path: `${kind.path}/:id`,
        summary: 'Confirma, cancela, marca como realizado(a) ou remarca',
        params: idParam,
        body: schemas.update,
        errors: { 409: 'Novo horário já ocupado para este item' },
        handle: ({ req, params, body }) => {
          rules.assertBookable(tenantOf(req), body.data_agendada);
          return tenantOf(req).db.transaction(async (db) => {
            if (!(await rules.slotGuarded(() => bookings.update(db, params.id, body)))) throw notFound(params.id);
            return bookings.findById(db, params.id);
          });
        },
      }),
    ),
  ];
}
