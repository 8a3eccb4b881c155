import { PhotosRepository, type RobotDefinition } from '@helix/robot-core';
import { imovelPhotos, visitas } from './imoveis.tables';
import { imoveisCatalogue } from './imoveis/imoveis.catalogue';
import { ImoveisRepository } from './imoveis/imoveis.repository';
import { imoveisRoutes } from './imoveis/imoveis.routes';

export const imoveisRobot: RobotDefinition = {
  service: 'imoveis-api',
  version: '1.0.0',
  description: 'VendeAI Imóveis: vitrine, clientes, conversas, visitas e corretor IA de cada imobiliária',
  catalogue: imoveisCatalogue,
  booking: visitas,
  photos: imovelPhotos,
  routes: (access) => imoveisRoutes(access, new ImoveisRepository(new PhotosRepository(imovelPhotos))),
};
