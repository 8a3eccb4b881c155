import { closeInOrder, spawnMaster, type SpawnedMaster } from '@helix/testing';
import type { RobotDefinition } from '../robot-app';
import { startTestRobot, type TestRobot } from './test-platform';

export interface RobotPlatform {
  master: SpawnedMaster;
  robot: TestRobot;
}

/**
 * For a spec file: the real master as a process and `definition`'s robot in this process, started before
 * its tests and closed after them (the robot first). Its own beforeAll hooks, declared after this call,
 * run once the platform is up. Call the returned function inside hooks and tests.
 */
export function useRobotPlatform(definition: RobotDefinition, options: Parameters<typeof startTestRobot>[2] = {}): () => RobotPlatform {
  let master: SpawnedMaster | undefined;
  let robot: TestRobot | undefined;
  beforeAll(async () => {
    master = await spawnMaster();
    robot = await startTestRobot(definition, master, options);
  });
  afterAll(() => closeInOrder(robot, master));
  return () => {
    if (!master || !robot) throw new Error('the robot platform starts in beforeAll: use it inside hooks and tests');
    return { master, robot };
  };
}
