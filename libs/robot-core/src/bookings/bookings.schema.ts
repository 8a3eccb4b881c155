import { isoInstant, pagination } from '@helix/http';
import { z } from 'zod';
import { slot, text } from '../common.schema';
import { BOOKING_STATUSES, type BookingKind } from './booking-kind';

const id = z.number().int().positive().max(2_147_483_647);

export function bookingSchemas(kind: BookingKind) {
  // The item's field name differs per vertical (veiculo_id, imovel_id): parsed, then normalised.
  const create = z
    .strictObject({
      cliente_id: id,
      [kind.item.field]: kind.item.required ? id : id.optional(),
      ...(kind.tipos ? { tipo: z.enum(kind.tipos) } : {}),
      data_agendada: slot,
      observacoes: text(2_000).optional(),
    })
    .transform((body: Record<string, unknown>): BookingInput => ({
      cliente_id: body.cliente_id as number,
      item_id: (body[kind.item.field] as number | undefined) ?? null,
      tipo: (body.tipo as string | undefined) ?? null,
      data_agendada: body.data_agendada as Date,
      observacoes: (body.observacoes as string | undefined) ?? null,
    }));
  const update = z
    .strictObject({ status: z.enum(BOOKING_STATUSES), data_agendada: slot, observacoes: text(2_000).nullable() })
    .partial()
    .refine((body) => Object.keys(body).length > 0, 'informe ao menos um campo');
  const list = z
    .strictObject({
      ...pagination,
      status: z.enum(BOOKING_STATUSES).optional(),
      cliente_id: z.coerce.number().int().positive().max(2_147_483_647).optional(),
      [kind.item.field]: z.coerce.number().int().positive().max(2_147_483_647).optional(),
      de: isoInstant().optional(),
      ate: isoInstant().optional(),
    })
    .transform((query: Record<string, unknown>) => ({
      ...(query as Omit<BookingFilters, 'item_id'>),
      item_id: query[kind.item.field] as number | undefined,
    }));
  return { create, update, list };
}

export interface BookingInput {
  cliente_id: number;
  item_id: number | null;
  tipo: string | null;
  data_agendada: Date;
  observacoes: string | null;
}

/** A listing's filters as parsed: the item's field (veiculo_id, imovel_id) normalised to `item_id`. */
export interface BookingFilters {
  page: number;
  per_page: number;
  status?: string;
  cliente_id?: number;
  item_id?: number;
  de?: Date;
  ate?: Date;
}
