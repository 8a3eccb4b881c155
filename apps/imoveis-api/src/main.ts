import { runRobot } from '@helix/robot-core';
import { imoveisRobot } from './imoveis.definition';

runRobot('imoveis', imoveisRobot);
