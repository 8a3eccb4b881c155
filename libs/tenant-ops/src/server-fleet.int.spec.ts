import { freePort, parseMysqlUrl, quoteIdentifier, type PrivateServer } from '@helix/db';
import { closeInOrder, countRowsThroughGateway, rootSql, startPrivateServers, testMysqlUrl } from '@helix/testing';
import { drainServer } from './drain-server';
import { moveTenant } from './move-tenant';
import { addServer, listServers, retireServer, updateServer } from './server-fleet';
import { onboardingFor } from './tenant-onboarding';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { DEFAULT_SERVER_CAPACITY, TenantServers } from './tenant-servers';
import { accessOf, createTestOps } from './testing/ops-fixtures';

const address = (server: PrivateServer) => {
  const { host, port } = parseMysqlUrl(server.url);
  return { host, port, label: `${host}:${port}` };
};

// Robots and what they serve during a move are covered by the move specs; here no robot is
// configured, and what is checked is where tenants go and that their data goes with them.
describe('a fleet of tenant database servers: registry, placement, drain, retire', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let fleet: Awaited<ReturnType<typeof startPrivateServers>>;
  /** p1, p2, p3 hold tenants; `stopped` is registered, then stopped. */
  let p1: PrivateServer, p2: PrivateServer, p3: PrivateServer, stopped: PrivateServer;
  const ids: Record<string, number> = {};
  const onboard = (tenant_key: string) => onboardingFor(ops.ctx).onboard({ tenant_key, nome: tenant_key, robo_tipo: 'carros' });
  const serverOf = async (tenantKey: string) => {
    const tenant = await ops.ctx.registry.require(tenantKey);
    return `${tenant.db_host}:${tenant.db_port}`;
  };
  const carsOn = async (tenantKey: string, server: PrivateServer) =>
    countRowsThroughGateway(await accessOf(ops.ctx, tenantKey), 'cars', server.url);

  beforeAll(async () => {
    fleet = await startPrivateServers(['p1', 'p2', 'p3', 'stopped']);
    [p1, p2, p3, stopped] = fleet.servers;
    ops = await createTestOps(undefined, 4, { ROBOT_URLS: '' });
  }, 60_000);
  afterAll(() => closeInOrder(ops, fleet));

  it('registers the TENANT_DB_URL server by itself, with the default capacity; an empty server retires at once', async () => {
    const { servidores } = await listServers(ops.ctx);
    const home = parseMysqlUrl(testMysqlUrl());
    expect(servidores).toEqual([
      expect.objectContaining({
        endereco: `${home.host}:${home.port}`,
        estado: 'active',
        capacidade: DEFAULT_SERVER_CAPACITY,
        clientes: 0,
        acessivel: true,
      }),
    ]);
    // A second context (the next CLI run) does not register it twice.
    await ops.reopen();
    expect(await new TenantServers(ops.ctx.master).list()).toHaveLength(1);
    // The fleet below is the private servers only.
    expect(await retireServer(ops.ctx, servidores[0].id)).toMatchObject({ estado: 'retired' });
  });

  it('adds servers the admin account reaches; refuses one already registered, one that does not answer, bad input', async () => {
    for (const [name, server, capacidade] of [
      ['p1', p1, 1],
      ['p2', p2, 3],
      ['p3', p3, 2],
      ['stopped', stopped, 50],
    ] as const) {
      const added = await addServer(ops.ctx, { ...address(server), capacidade, notas: `servidor ${name}` });
      expect(added).toMatchObject({ endereco: address(server).label, estado: 'active', capacidade, clientes: 0, acessivel: true });
      ids[name] = added.id;
    }
    await expect(addServer(ops.ctx, { ...address(p1), capacidade: 5 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.SERVER_EXISTS,
      message: expect.stringContaining(`id ${ids.p1}`),
    });
    const nobody = await freePort();
    await expect(addServer(ops.ctx, { host: '127.0.0.1', port: nobody, capacidade: 5 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.SERVER_UNAVAILABLE,
      message: expect.stringContaining(`127.0.0.1:${nobody}`),
    });
    await expect(addServer(ops.ctx, { host: 'a b', port: 3306, capacidade: 5 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.INVALID_INPUT,
    });
    await expect(addServer(ops.ctx, { host: '127.0.0.1', port: nobody, capacidade: -1 })).rejects.toMatchObject({
      code: TenantOpsErrorCode.INVALID_INPUT,
    });
    await stopped.stop();
  });

  it('places each new tenant on the reachable active server with the most free places, skipping one that does not answer', async () => {
    // Free places: p1 1, p2 3, p3 2, stopped 50 (not answering). Ties go to the older server.
    const placed = [];
    for (const key of ['loja_a', 'loja_b', 'loja_c', 'loja_d']) placed.push((await onboard(key)).servidor);
    expect(placed).toEqual([address(p2).label, address(p2).label, address(p3).label, address(p1).label]);
    expect(await serverOf('loja_a')).toBe(address(p2).label);
    await rootSql(
      `INSERT INTO ${quoteIdentifier(`${ops.prefix}carros_loja_a`)}.cars (brand, model) VALUES ('Fiat', 'Uno'), ('VW', 'Gol')`,
      [],
      undefined,
      p2.url,
    );

    // Only the server that does not answer has room: refused, naming it; nothing is reserved.
    await updateServer(ops.ctx, ids.p2, { capacidade: 2 });
    await updateServer(ops.ctx, ids.p3, { capacidade: 1 });
    await expect(onboard('loja_e')).rejects.toMatchObject({
      code: TenantOpsErrorCode.NO_SERVER_AVAILABLE,
      message: expect.stringContaining(address(stopped).label),
      details: { motivo: 'inacessiveis' },
    });
    expect(await ops.ctx.registry.find('loja_e')).toBeUndefined();
    // No active server with room at all.
    await retireServer(ops.ctx, ids.stopped);
    await expect(onboard('loja_e')).rejects.toMatchObject({
      code: TenantOpsErrorCode.NO_SERVER_AVAILABLE,
      details: { motivo: 'sem_vaga' },
      message: expect.stringMatching(/Nenhum servidor ativo tem vaga/),
    });
  });

  it('lists tenants, data size, free places and reachability per server', async () => {
    const { servidores } = await listServers(ops.ctx);
    const byId = new Map(servidores.map((server) => [server.id, server]));
    expect(byId.get(ids.p1)).toMatchObject({ clientes: 1, capacidade: 1, livre: 0, acessivel: true, notas: 'servidor p1' });
    expect(byId.get(ids.p2)).toMatchObject({ clientes: 2, capacidade: 2, livre: 0, acessivel: true });
    expect(byId.get(ids.p3)).toMatchObject({ clientes: 1, capacidade: 1, livre: 0, acessivel: true });
    expect(byId.get(ids.stopped)).toMatchObject({ estado: 'retired', clientes: 0, acessivel: null, tamanho_bytes: null });
    // Each tenant database has a dozen InnoDB tables of at least 16 KB each.
    expect(byId.get(ids.p2)!.tamanho_bytes).toBeGreaterThan(2 * 12 * 16_384);
    expect(byId.get(ids.p2)!.tamanho_bytes).toBeGreaterThan(byId.get(ids.p3)!.tamanho_bytes!);
  });

  it('drains a server onto the others, spread by free places; a failed move is reported, a rerun finishes; retire only once empty', async () => {
    await updateServer(ops.ctx, ids.p1, { capacidade: 3 });
    await updateServer(ops.ctx, ids.p3, { capacidade: 3 });
    // Free places now p1 2, p3 2: the drain's two moves, run together, take one each.
    const first = await drainServer(ops.ctx, ids.p2, {
      concurrency: 2,
      faults: (tenantKey, step) => {
        if (tenantKey === 'loja_b' && step === 'copia') throw new Error('queda de energia');
      },
    });
    expect(first).toMatchObject({
      total: 2,
      movidos: [{ tenant_key: 'loja_a' }],
      falhas: [{ tenant_key: 'loja_b', code: TenantOpsErrorCode.MOVE_FAILED }],
      restantes: 1,
    });
    expect([first.movidos[0].para, first.falhas[0].para].sort()).toEqual([address(p1).label, address(p3).label].sort());
    expect((await new TenantServers(ops.ctx.master).require(ids.p2)).estado).toBe('draining');
    // Moved with its rows, and served from its new server; the failed one stays served where it was.
    const target = (await serverOf('loja_a')) === address(p1).label ? p1 : p3;
    expect(await carsOn('loja_a', target)).toBe(2);
    expect(await carsOn('loja_b', p2)).toBe(0);
    // A draining server is never chosen for a new tenant.
    expect((await onboard('loja_f')).servidor).not.toBe(address(p2).label);

    await expect(retireServer(ops.ctx, ids.p2)).rejects.toMatchObject({
      code: TenantOpsErrorCode.SERVER_NOT_EMPTY,
      message: expect.stringMatching(/ainda tem 1 cliente\(s\).*helix servers drain/),
    });

    const rerun = await drainServer(ops.ctx, ids.p2);
    expect(rerun).toMatchObject({ total: 1, movidos: [{ tenant_key: 'loja_b' }], falhas: [], restantes: 0 });
    expect(await carsOn('loja_b', (await serverOf('loja_b')) === address(p1).label ? p1 : p3)).toBe(0);
    expect(await rootSql('SHOW DATABASES LIKE ?', [`${ops.prefix}%`], undefined, p2.url)).toEqual([]);

    expect(await retireServer(ops.ctx, ids.p2)).toMatchObject({ estado: 'retired', clientes: 0 });
    await expect(drainServer(ops.ctx, ids.p2)).rejects.toMatchObject({ code: TenantOpsErrorCode.SERVER_RETIRED });
  });

  it('two onboardings at once for the last place: both placed there (capacity overshot by one at most) or one refused', async () => {
    const fleet = new TenantServers(ops.ctx.master);
    const onP1 = (await fleet.require(ids.p1)).clientes;
    await updateServer(ops.ctx, ids.p1, { capacidade: onP1 + 1 });
    await updateServer(ops.ctx, ids.p3, { capacidade: (await fleet.require(ids.p3)).clientes });

    const outcomes = await Promise.allSettled([onboard('loja_x'), onboard('loja_y')]);
    const placed = outcomes.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value.servidor);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason.code);
    expect(placed.length).toBeGreaterThanOrEqual(1);
    expect(placed.every((server) => server === address(p1).label)).toBe(true);
    expect(refused.every((code) => code === TenantOpsErrorCode.NO_SERVER_AVAILABLE)).toBe(true);
    expect((await fleet.require(ids.p1)).clientes).toBe(onP1 + placed.length);
    // Full now, whichever way the race went: the next one is refused.
    await expect(onboard('loja_z')).rejects.toMatchObject({ code: TenantOpsErrorCode.NO_SERVER_AVAILABLE });
  });

  it('lists the servers tenants are on that nobody registered (moved there before the registry), for helix servers add', async () => {
    // As before this version: a server known only from a tenant's row.
    await ops.ctx.master.query('DELETE FROM servidores WHERE id = ?', [ids.p2]);
    await moveTenant(ops.ctx, 'loja_c', { to: address(p2) });
    expect((await listServers(ops.ctx)).fora_do_registro).toEqual([{ endereco: address(p2).label, clientes: 1 }]);
    await addServer(ops.ctx, { ...address(p2), capacidade: 10 });
    expect((await listServers(ops.ctx)).fora_do_registro).toEqual([]);
  });
});
