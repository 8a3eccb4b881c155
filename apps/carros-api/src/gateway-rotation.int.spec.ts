import { setTimeout as sleep } from 'node:timers/promises';
import { createUnthrottledPlan, onboardActiveTenant, tenantSql, useRobotPlatform, type OnboardedTenant } from '@helix/robot-core/testing';
import { rotateGateways, type OpsContext } from '@helix/tenant-ops';
import { opsContextFor } from '@helix/tenant-ops/testing';
import { connectAs } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

let ops: OpsContext;
let planoId: number;
let tenant: OnboardedTenant;

const ROBOT_CACHE_TTL_MS = 300;
/** Longer than the robot's cache, as `--espera` must be. */
const GRACE_MS = 1_500;

// Idle connections close fast, so the robot keeps logging in again while the passwords change.
const platform = useRobotPlatform(carrosRobot, { env: { TENANT_CACHE_TTL_MS: String(ROBOT_CACHE_TTL_MS), DB_IDLE_TIMEOUT_MS: '40' } });

const storefront = (t: OnboardedTenant) => request(platform().robot.url).get('/veiculos').set('X-Tenant-Key', t.key);
const backOffice = (t: OnboardedTenant) =>
  request(platform().robot.url)
    .get('/clientes')
    .set({ 'X-Tenant-Key': t.key, Authorization: `Bearer ${t.apiKey}` });

/** The gateway login the master hands the carros robot for `key` now. */
async function handedOutGateway(key: string): Promise<{ user: string; password: string }> {
  const { master } = platform();
  const response = await request(master.url)
    .get('/internal/tenants/resolve')
    .query({ key })
    .set('Authorization', `Bearer ${master.serviceTokens.carros}`)
    .expect(200);
  return response.body.database.gateway;
}

/**
 * Storefront and back-office reads for `t` until stopped; every status kept. Each worker pauses longer
 * than the robot's idle timeout, so most reads log in anew: with whatever password the robot holds then.
 */
function keepReading(t: OnboardedTenant) {
  const statuses: number[] = [];
  let running = true;
  const worker = async (read: typeof storefront) => {
    while (running) {
      statuses.push((await read(t)).status);
      await sleep(60);
    }
  };
  const workers = [worker(storefront), worker(storefront), worker(backOffice)];
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return statuses;
    },
  };
}

beforeAll(async () => {
  const { master } = platform();
  planoId = await createUnthrottledPlan(master);
  tenant = await onboardActiveTenant(master, 'garage_rota', 'carros', { planoId });
  await tenantSql(master, 'carros', tenant.key, "INSERT INTO cars (brand, model, year, price) VALUES ('Toyota', 'Corolla', 2022, 118900)");
  ops = await opsContextFor(master);
}, 120_000);

afterAll(async () => {
  await ops?.close();
});

describe('helix gateway rotate with a robot serving', () => {
  it('rotates without a 5xx or a refused login while reads run, through a failure in the middle and its rerun; the old password then opens nothing', async () => {
    const { robot } = platform();
    const old = await handedOutGateway(tenant.key);
    const reads = keepReading(tenant);
    await sleep(300);

    // Fails once robots are being handed the new password, before the old one is discarded.
    const failed = await rotateGateways(ops, {
      robo: 'carros',
      graceMs: GRACE_MS,
      faults: (step) => {
        if (step === 'descarte') throw new Error('falha simulada');
      },
    });
    expect(failed.failed).toEqual([expect.objectContaining({ robo_tipo: 'carros', etapa: 'descarte' })]);
    await sleep(300);
    const rerun = await rotateGateways(ops, { robo: 'carros', graceMs: GRACE_MS });
    expect(rerun).toEqual({ rotated: [expect.objectContaining({ robo_tipo: 'carros', geracao: 1 })], failed: [] });
    await sleep(300);
    const statuses = await reads.stop();

    expect(statuses.length).toBeGreaterThan(80);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(robot.runtime.connections.stats().reduce((sum, server) => sum + server.failedLogins, 0)).toBe(0);

    const now = await handedOutGateway(tenant.key);
    expect(now.user).toBe(old.user);
    expect(now.password).not.toBe(old.password);
    await expect(connectAs(old)).rejects.toMatchObject({ code: expect.stringMatching(/^ER_ACCESS_DENIED_(NO_PASSWORD_)?ERROR$/) });
    await (await connectAs(now)).end();

    // Every connection of the robot has gone idle and closed: the next reads log in anew, with the new password.
    await sleep(400);
    expect(robot.runtime.connections.stats().reduce((sum, server) => sum + server.open, 0)).toBe(0);
    expect((await storefront(tenant)).body.veiculos).toHaveLength(1);
    expect((await backOffice(tenant)).status).toBe(200);
  }, 60_000);

  it('serves a tenant onboarded after the rotation, through the rotated gateway', async () => {
    const { master } = platform();
    const late = await onboardActiveTenant(master, 'garage_depois', 'carros', { planoId });
    expect((await handedOutGateway(late.key)).password).toBe((await handedOutGateway(tenant.key)).password);
    expect((await storefront(late)).status).toBe(200);
    expect((await backOffice(late)).status).toBe(200);
  });
});
