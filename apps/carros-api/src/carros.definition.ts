import { PhotosRepository, type RobotDefinition } from '@helix/robot-core';
import { agendamentos, carPhotos } from './carros.tables';
import { carrosCatalogue } from './veiculos/veiculos.catalogue';
import { VeiculosRepository } from './veiculos/veiculos.repository';
import { veiculosRoutes } from './veiculos/veiculos.routes';

export const carrosRobot: RobotDefinition = {
  service: 'carros-api',
  version: '1.0.0',
  description: 'VendeAI Carros: vitrine, clientes, conversas, agendamentos e vendedor IA de cada concessionária',
  catalogue: carrosCatalogue,
  booking: agendamentos,
  photos: carPhotos,
  routes: (access) => veiculosRoutes(access, new VeiculosRepository(new PhotosRepository(carPhotos))),
};
