import type { BookingKind, PhotoKind } from '@helix/robot-core';

/** The seed's `car_images`, exposed as a veículo's `fotos`. */
export const carPhotos: PhotoKind = {
  table: 'car_images',
  fk: 'car_id',
  parentTable: 'cars',
  parentPath: '/veiculos',
  parentLabel: 'Veículo',
  tag: 'Veículos',
};

/** Test drives, visits and deliveries of a car (`agendamentos`). */
export const agendamentos: BookingKind = {
  path: '/agendamentos',
  tag: 'Agendamentos',
  label: 'Agendamento',
  table: 'agendamentos',
  item: { column: 'car_id', field: 'veiculo_id', table: 'cars', label: 'Veículo', required: false },
  tipos: ['test_drive', 'visita', 'entrega'],
  slotKey: 'uq_agendamento_slot',
};
