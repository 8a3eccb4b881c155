import type { RobotDefinition } from '@helix/robot-core';
import { imovelPhotos, visitas } from './imoveis.kinds';
import { imoveisCatalogue } from './imoveis/imoveis.catalogue';
import { imoveisRoutes } from './imoveis/imoveis.routes';

export const imoveisRobot: RobotDefinition = {
  service: 'imoveis-api',
  version: '1.0.0',
  description: 'VendeAI Imóveis: vitrine, clientes, conversas, visitas e corretor IA de cada imobiliária',
  catalogue: imoveisCatalogue,
  booking: visitas,
  photos: imovelPhotos,
  routes: (access) => imoveisRoutes(access),
};
