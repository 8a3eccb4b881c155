import { onboardManyActiveTenants, startTestRobot, type TestRobot } from '@helix/robot-core/testing';
import { likePrefix, sampleConnections, spawnMaster, type SpawnedMaster } from '@helix/testing';
import { carrosRobot } from './carros.definition';

const TENANTS = 1_000;
const BUDGET = 10;
let master: SpawnedMaster;
let robot: TestRobot;
let keys: string[];

beforeAll(async () => {
  master = await spawnMaster();
  robot = await startTestRobot(carrosRobot, master, { env: { DB_MAX_CONNECTIONS: String(BUDGET) } });
  keys = await onboardManyActiveTenants(master, 'scale_', TENANTS, 'carros');
}, 240_000);

afterAll(async () => {
  await robot?.close();
  await master?.close(); // drops the 1,000 databases and principals
}, 240_000);

it(`serves ${TENANTS} tenants without ever holding more than DB_MAX_CONNECTIONS=${BUDGET} MySQL connections`, async () => {
  // The robot logs in only as its vertical's gateway (the master uses root): count those in the processlist.
  const sampler = await sampleConnections(likePrefix(`${master.prefix}gw_carros`));

  const answers = new Map<string, string>();
  let next = 0;
  const client = async () => {
    while (next < keys.length * 2) {
      const key = keys[next++ % keys.length];
      const response = await fetch(`${robot.url}/veiculos`, { headers: { 'X-Tenant-Key': key } });
      const body = (await response.json()) as { tenant?: string };
      answers.set(key, response.status === 200 ? body.tenant! : `HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, client));
  const { max: peak } = await sampler.stop();

  expect([...answers.entries()].filter(([key, tenant]) => tenant !== `Loja ${key}`)).toEqual([]);
  expect(answers.size).toBe(TENANTS);
  expect(peak).toBeGreaterThan(0);
  expect(peak).toBeLessThanOrEqual(BUDGET);
  expect(robot.runtime.connections.stats()[0].open).toBeLessThanOrEqual(BUDGET);
}, 120_000);
