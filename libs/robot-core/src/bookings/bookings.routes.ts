import { tenantTimeZone } from '@helix/contracts';
import { duplicateKeyName } from '@helix/db';
import { assertBookable, defineRoute } from '@helix/http';
import { tenantOf } from '@helix/tenant-context';
import type { Request } from 'express';
import type { ClientesRepository } from '../clientes/clientes.repository';
import { idParam } from '../common.schema';
import type { RobotAccess } from '../robot-access';
import { clienteNotFound, resourceNotFound, RobotError } from '../robot.error';
import type { BookingKind } from './booking-kind';
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
  const messages = {
    notFound: (id: number) => resourceNotFound(`${kind.table.toUpperCase()}_NOT_FOUND`, `${kind.label} ${id} não encontrado(a).`),
    clienteNotFound,
    itemNotFound: (id: number) => new RobotError('ITEM_NOT_FOUND', `${kind.item.label} ${id} não encontrado(a).`),
    slotTaken: () => new RobotError('SLOT_TAKEN', `${kind.item.label} já tem um horário marcado neste horário. Escolha outro.`),
  };
  /**
   * The slot's unique key turns a double booking into a clear 409, even between concurrent requests.
   * Writes run in a transaction, which runs again if InnoDB picks it as a deadlock victim.
   */
  const slotGuarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (duplicateKeyName(error) === kind.slotKey) throw messages.slotTaken();
      throw error;
    }
  };
  /** Booking or moving to a slot needs it inside the booking window; a change of status alone keeps its slot. */
  const checkBookable = (req: Request, slot: Date | undefined) => {
    if (slot) assertBookable(slot, clock(), tenantTimeZone(tenantOf(req).resolution), 'body.data_agendada');
  };
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
        handle: async ({ req, params }) =>
          (await bookings.findById(tenantOf(req).db, params.id)) ?? Promise.reject(messages.notFound(params.id)),
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
          checkBookable(req, body.data_agendada);
          return tenantOf(req).db.transaction(async (db) => {
            if (!(await clientes.findById(db, body.cliente_id))) throw messages.clienteNotFound(body.cliente_id);
            if (body.item_id !== null && !(await bookings.itemExists(db, body.item_id))) throw messages.itemNotFound(body.item_id);
            return bookings.findById(db, await slotGuarded(() => bookings.insert(db, body)));
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
          checkBookable(req, body.data_agendada);
          return tenantOf(req).db.transaction(async (db) => {
            if (!(await slotGuarded(() => bookings.update(db, params.id, body)))) throw messages.notFound(params.id);
            return bookings.findById(db, params.id);
          });
        },
      }),
    ),
  ];
}
