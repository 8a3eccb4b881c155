import { runRobot } from '@helix/robot-core';
import { carrosRobot } from './carros.definition';

runRobot('carros', carrosRobot);
