import { countRowsThroughGateway, connectAs, rootSql, type Login } from '@helix/testing';
import { migrateTenants } from './migrate-tenants';
import { rotateGateways, type GatewayRotationStep } from './rotate-gateways';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, createTestOps } from './testing/ops-fixtures';

// Robots serving through a rotation are covered by apps/carros-api/src/gateway-rotation.int.spec.ts;
// here what is checked is which passwords the gateway accounts take, and the registry's record.

/** Whether MySQL lets `login` in (MariaDB refuses a wrong password with either denial). */
async function logsIn(login: Login): Promise<boolean> {
  try {
    await (await connectAs(login)).end();
    return true;
  } catch (error) {
    if (/^ER_ACCESS_DENIED_(NO_PASSWORD_)?ERROR$/.test((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
}

describe('helix gateway rotate', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  const server = () => `${ops.ctx.servers.home.host}:${ops.ctx.servers.home.port}`;
  const gatewayOf = async (key: string) => (await accessOf(ops.ctx, key)).gateway;
  const registryRow = async (robo: string) =>
    (
      await rootSql<{ geracao: number; geracao_nova: number | null }[]>(
        'SELECT geracao, geracao_nova FROM gateway_geracoes WHERE robo_tipo = ?',
        [robo],
        ops.env.MASTER_DB,
      )
    )[0];

  beforeAll(async () => {
    ops = await createTestOps();
    await ops.addTenant('rota_carros');
    await ops.addTenant('rota_imob', 'imoveis');
  }, 60_000);
  afterAll(() => ops?.close());

  it("gives one vertical's gateway a new password: the new one logs in and reaches its tenants, the old one no longer does, the other vertical's is untouched", async () => {
    const before = await gatewayOf('rota_carros');
    const imoveis = await gatewayOf('rota_imob');

    const report = await rotateGateways(ops.ctx, { robo: 'carros', graceMs: 0 });

    expect(report).toEqual({ rotated: [{ servidor: server(), robo_tipo: 'carros', usuario: before.user, geracao: 1 }], failed: [] });
    const after = await accessOf(ops.ctx, 'rota_carros');
    expect(after.gateway.user).toBe(before.user);
    expect(after.gateway.password).not.toBe(before.password);
    expect(await countRowsThroughGateway(after, 'cars')).toBe(0);
    expect(await logsIn(before)).toBe(false);
    expect(await registryRow('carros')).toEqual({ geracao: 1, geracao_nova: null });
    expect(await gatewayOf('rota_imob')).toEqual(imoveis);
    expect(await logsIn(imoveis)).toBe(true);
  });

  it('keeps both passwords while robots catch up, and neither an onboarding nor helix migrate during it undoes that; tenants onboarded after it work', async () => {
    const old = await gatewayOf('rota_carros');
    let during: { old: boolean; handedOut: boolean; afterOps: boolean[] } | undefined;
    await rotateGateways(ops.ctx, {
      robo: 'carros',
      graceMs: 0,
      faults: async (step) => {
        if (step !== 'espera') return;
        const handedOut = await gatewayOf('rota_carros');
        const both = { old: await logsIn(old), handedOut: await logsIn(handedOut) };
        await ops.addTenant('rota_durante');
        const migrated = await migrateTenants(ops.ctx, { robo: 'carros', concurrency: 2 });
        expect(migrated.failed).toEqual([]);
        during = { ...both, afterOps: [await logsIn(old), await logsIn(handedOut)] };
      },
    });
    expect(during).toEqual({ old: true, handedOut: true, afterOps: [true, true] });
    expect(await logsIn(old)).toBe(false);

    await ops.addTenant('rota_depois');
    for (const key of ['rota_carros', 'rota_durante', 'rota_depois'])
      expect(await countRowsThroughGateway(await accessOf(ops.ctx, key), 'cars')).toBe(0);
  }, 60_000);

  it.each<[GatewayRotationStep, string]>([
    ['sobreposicao', 'before robots are handed the new password'],
    ['troca', 'after robots are handed the new password'],
    ['descarte', 'after the old password is discarded, before the registry records it'],
  ])(
    'fails at %s (%s) with the handed-out password still logging in; a rerun finishes that rotation, not one more',
    async (failingStep) => {
      const { geracao: start } = await registryRow('carros');
      const old = await gatewayOf('rota_carros');

      const failed = await rotateGateways(ops.ctx, {
        graceMs: 0,
        faults: (step, gateway) => {
          if (step === failingStep && gateway?.robo === 'carros') throw new Error('falha simulada');
        },
      });
      expect(failed.failed).toEqual([{ servidor: server(), robo_tipo: 'carros', etapa: failingStep, error: 'falha simulada' }]);
      // The other vertical's gateway went on.
      expect(failed.rotated).toEqual([expect.objectContaining({ robo_tipo: 'imoveis' })]);
      expect(await registryRow('carros')).toEqual({ geracao: failingStep === 'sobreposicao' ? start : start + 1, geracao_nova: start + 1 });
      const handedOut = await gatewayOf('rota_carros');
      expect(await logsIn(handedOut)).toBe(true);

      const rerun = await rotateGateways(ops.ctx, { robo: 'carros', graceMs: 0 });
      expect(rerun).toEqual({ rotated: [expect.objectContaining({ robo_tipo: 'carros', geracao: start + 1 })], failed: [] });
      expect(await registryRow('carros')).toEqual({ geracao: start + 1, geracao_nova: null });
      expect(await logsIn(old)).toBe(false);
      expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'rota_carros'), 'cars')).toBe(0);
    },
    60_000,
  );

  it('survives a crash while robots catch up: both passwords keep logging in until a rerun discards the old one', async () => {
    const old = await gatewayOf('rota_carros');
    await expect(
      rotateGateways(ops.ctx, {
        robo: 'carros',
        graceMs: 0,
        faults: (step) => {
          if (step === 'espera') throw new Error('processo encerrado');
        },
      }),
    ).rejects.toThrow('processo encerrado');
    const handedOut = await gatewayOf('rota_carros');
    expect([await logsIn(old), await logsIn(handedOut)]).toEqual([true, true]);

    await rotateGateways(ops.ctx, { robo: 'carros', graceMs: 0 });
    expect([await logsIn(old), await logsIn(handedOut)]).toEqual([false, true]);
  }, 30_000);

  it('rotates one at a time, and says so when no gateway matches', async () => {
    const first = rotateGateways(ops.ctx, { robo: 'imoveis', graceMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(rotateGateways(ops.ctx, { robo: 'carros', graceMs: 0 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.ROTATION_IN_PROGRESS,
    });
    expect((await first).failed).toEqual([]);

    await expect(rotateGateways(ops.ctx, { server: { host: '10.255.0.1', port: 3306 }, graceMs: 0 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.GATEWAY_NOT_FOUND,
    });
    const { home } = ops.ctx.servers;
    expect((await rotateGateways(ops.ctx, { server: home, robo: 'imoveis', graceMs: 0 })).rotated).toHaveLength(1);
  }, 30_000);
});
