import type { EventoRow } from './usuarios-admin.repository';

/** One line of an account's history: which field, from what to what, by whom, when. */
export const toEventoView = (row: EventoRow) => ({
  campo: row.campo,
  de: row.de,
  para: row.para,
  autor: row.autor,
  em: row.criado_em,
});
