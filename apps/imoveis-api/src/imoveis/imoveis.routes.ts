import { catalogueRoutes, type RobotAccess } from '@helix/robot-core';
import type { ImoveisRepository } from './imoveis.repository';
import { createImovelSchema, listImoveisQuery, updateImovelSchema } from './imoveis.schema';

export const imoveisRoutes = (access: RobotAccess, repository: ImoveisRepository) =>
  catalogueRoutes(access, {
    path: '/imoveis',
    tag: 'Imóveis',
    listKey: 'imoveis',
    label: 'Imóvel',
    notFoundCode: 'IMOVEL_NOT_FOUND',
    schemas: { list: listImoveisQuery, create: createImovelSchema, update: updateImovelSchema },
    summaries: {
      list: 'Vitrine: imóveis com fotos (filtros tipo, finalidade, bairro, cidade, quartos_min, area_min, preco_min, preco_max, status; paginado). Pública.',
      one: 'Um imóvel com fotos. Pública.',
      create: 'Cadastra um imóvel',
      update: 'Altera dados, preço ou status (disponivel, reservado, vendido, alugado)',
      remove: 'Remove um imóvel (e suas fotos); recusado se houver visitas dele',
      removeConflict: 'Imóvel com visitas',
    },
    repository,
  });
