import type { RobotDefinition } from '@helix/robot-core';
import { agendamentos, carPhotos } from './carros.kinds';
import { carrosCatalogue } from './veiculos/veiculos.catalogue';
import { veiculosRoutes } from './veiculos/veiculos.routes';

export const carrosRobot: RobotDefinition = {
  service: 'carros-api',
  version: '1.0.0',
  description: 'VendeAI Carros: vitrine, clientes, conversas, agendamentos e vendedor IA de cada concessionária',
  catalogue: carrosCatalogue,
  booking: agendamentos,
  photos: carPhotos,
  routes: (access) => veiculosRoutes(access),
};
