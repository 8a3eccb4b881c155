/**
 * Appointments are one feature in two verticals (carros' `agendamentos` of a car, imoveis' `visitas`
 * to a property): this names the tables and fields of each. Every name here is a code constant,
 * never request input.
 */
export interface BookingKind {
  path: string;
  tag: string;
  /** Singular, for messages ("Agendamento 3 não encontrado"). */
  label: string;
  table: string;
  /** The booked item: its column in `table`, its field in the API, and its own table. */
  item: { column: string; field: string; table: string; label: string; required: boolean };
  /** Kinds of appointment (carros: test_drive, visita, entrega); none for visitas. */
  tipos?: readonly [string, ...string[]];
  /** The unique key that keeps one item to one booking per slot (template migration 0002). */
  slotKey: string;
}

export const BOOKING_STATUSES = ['pendente', 'confirmado', 'realizado', 'cancelado'] as const;
