import type { BookingKind, PhotoKind } from '@helix/robot-core';

/** A property's `imagens`, exposed as an imóvel's `fotos`. */
export const imovelPhotos: PhotoKind = {
  table: 'imagens',
  fk: 'imovel_id',
  parentTable: 'imoveis',
  parentPath: '/imoveis',
  parentLabel: 'Imóvel',
  tag: 'Imóveis',
};

/** Visits to a property; every visit is to one imóvel, so the item is required and there are no tipos. */
export const visitas: BookingKind = {
  path: '/visitas',
  tag: 'Visitas',
  label: 'Visita',
  table: 'visitas',
  item: { column: 'imovel_id', field: 'imovel_id', table: 'imoveis', label: 'Imóvel', required: true },
  slotKey: 'uq_visita_slot',
};
