import { z } from 'zod';
import type { BookingKind } from '../bookings/booking-kind';
import type { BookingInput } from '../bookings/bookings.schema';
import { line, slot, telefone, text } from '../common.schema';

const id = z.number().int().positive().max(2_147_483_647);

export const visitorChatSchema = z.strictObject({
  mensagem: text(4_000),
  nome: line(255).optional(),
  telefone: telefone.optional(),
});

/** What a visitor says about itself: a name, a phone (the phone finds the customer it already is). */
export interface VisitorContact {
  nome?: string;
  telefone?: string;
}

/** A visitor's booking: the kind's item field (veiculo_id, imovel_id) and its own name and phone instead of a customer id. */
export function visitorBookingSchema(kind: BookingKind) {
  return z
    .strictObject({
      [kind.item.field]: kind.item.required ? id : id.optional(),
      ...(kind.tipos ? { tipo: z.enum(kind.tipos).optional() } : {}),
      data_agendada: slot,
      nome: line(255),
      telefone,
      observacoes: text(2_000).optional(),
    })
    .transform((body: Record<string, unknown>) => ({
      contato: { nome: body.nome as string, telefone: body.telefone as string } satisfies VisitorContact,
      reserva: {
        item_id: (body[kind.item.field] as number | undefined) ?? null,
        // A visitor need not know the kinds: the first (carros: test_drive) unless it says.
        tipo: kind.tipos ? ((body.tipo as string | undefined) ?? kind.tipos[0]) : null,
        data_agendada: body.data_agendada as Date,
        observacoes: (body.observacoes as string | undefined) ?? null,
      } satisfies Omit<BookingInput, 'cliente_id'>,
    }));
}
