import { catalogueRoutes, type RobotAccess } from '@helix/robot-core';
import type { VeiculosRepository } from './veiculos.repository';
import { createVeiculoSchema, listVeiculosQuery, updateVeiculoSchema } from './veiculos.schema';

export const veiculosRoutes = (access: RobotAccess, repository: VeiculosRepository) =>
  catalogueRoutes(access, {
    path: '/veiculos',
    tag: 'Veículos',
    listKey: 'veiculos',
    label: 'Veículo',
    notFoundCode: 'VEICULO_NOT_FOUND',
    schemas: { list: listVeiculosQuery, create: createVeiculoSchema, update: updateVeiculoSchema },
    summaries: {
      list: 'Vitrine: veículos com fotos (filtros marca, modelo, ano_min, ano_max, preco_max, status; paginado). Pública.',
      one: 'Um veículo com fotos. Pública.',
      create: 'Cadastra um veículo',
      update: 'Altera dados, preço ou status (disponivel, reservado, vendido)',
      remove: 'Remove um veículo (e suas fotos); recusado se houver agendamentos dele',
      removeConflict: 'Veículo com agendamentos',
    },
    repository,
  });
