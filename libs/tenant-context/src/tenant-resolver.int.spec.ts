import { rootSql, spawnMaster, type SpawnedMaster } from '@helix/testing';
import { MasterClient } from './master-client';
import { TenantResolver } from './tenant-resolver';

describe('resolving tenants through the real master', () => {
  let master: SpawnedMaster;
  let now = 1_000_000;
  const resolverFor = (options: Partial<ConstructorParameters<typeof TenantResolver>[1]> = {}) =>
    new TenantResolver(new MasterClient({ baseUrl: master.url, serviceToken: master.serviceTokens.carros, timeoutMs: 2_000 }), {
      ttlMs: 5_000,
      staleMs: 600_000,
      negativeTtlMs: 2_000,
      maxEntries: 10_000,
      clock: () => now,
      ...options,
    });

  beforeAll(async () => {
    master = await spawnMaster();
    for (const key of ['garage_alpha', 'garage_beta']) {
      const created = await master.admin('POST', '/tenants', { tenant_key: key, nome: key, robo_tipo: 'carros' });
      expect(created.status).toBe(201);
    }
  }, 60_000);
  afterAll(() => master.close());

  it('makes one master call for 1,000 concurrent requests for one cold tenant', async () => {
    const resolver = resolverFor();
    const results = await Promise.all(Array.from({ length: 1000 }, () => resolver.resolve({ key: 'garage_alpha' })));
    expect(resolver.calls).toBe(1);
    expect(new Set(results.map((r) => r.tenant.tenant_key))).toEqual(new Set(['garage_alpha']));
  });

  it('sees a suspension once the TTL has passed, not before', async () => {
    const resolver = resolverFor();
    expect((await resolver.resolve({ key: 'garage_beta' })).tenant.status).toBe('active');
    await master.admin('PATCH', '/tenants/garage_beta', { status: 'suspended' });
    now += 4_000;
    expect((await resolver.resolve({ key: 'garage_beta' })).tenant.status).toBe('active');
    now += 1_500;
    expect((await resolver.resolve({ key: 'garage_beta' })).tenant.status).toBe('suspended');
    await master.admin('PATCH', '/tenants/garage_beta', { status: 'active' });
  });

  it('re-reads a tenant in use before its answer expires, so no request waits for the master', async () => {
    const resolver = resolverFor();
    await resolver.resolve({ key: 'garage_alpha' });
    now += 3_000;
    await resolver.resolve({ key: 'garage_alpha' });
    expect(resolver.calls).toBe(1);
    now += 1_000; // past three quarters of the TTL: served from the cache, refreshed behind it
    const served = await resolver.resolve({ key: 'garage_alpha' });
    expect(served.tenant.tenant_key).toBe('garage_alpha');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the background call goes out and its answer lands
    expect(resolver.calls).toBe(2);
    now += 3_000; // 7 s after the first answer, 3 s after the refresh: still fresh, no new call
    await resolver.resolve({ key: 'garage_alpha' });
    expect(resolver.calls).toBe(2);
  });

  it('asks for the lookups of one event-loop turn, and for refreshes due together, in one call', async () => {
    const resolver = resolverFor();
    const [alpha, beta, unknown] = await Promise.allSettled([
      resolver.resolve({ key: 'garage_alpha' }),
      resolver.resolve({ key: 'garage_beta' }),
      resolver.resolve({ key: 'nao_existe' }),
    ]);
    expect(resolver.calls).toBe(1);
    expect(alpha).toMatchObject({ status: 'fulfilled', value: { tenant: { tenant_key: 'garage_alpha' } } });
    expect(beta).toMatchObject({ status: 'fulfilled', value: { tenant: { tenant_key: 'garage_beta' } } });
    expect(unknown).toMatchObject({ status: 'rejected', reason: { code: 'TENANT_NOT_FOUND' } });
    now += 4_000;
    await resolver.resolve({ key: 'garage_alpha' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await resolver.resolve({ key: 'garage_beta' }); // within the batch delay of the first refresh
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resolver.calls).toBe(2);
  });

  it('answers 404 for unknown tenants and remembers it briefly', async () => {
    const resolver = resolverFor();
    for (let i = 0; i < 50; i++) {
      await expect(resolver.resolve({ key: 'nao_existe' })).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    }
    expect(resolver.calls).toBe(1);
    now += 2_500;
    await expect(resolver.resolve({ key: 'nao_existe' })).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    expect(resolver.calls).toBe(2);
  });

  it("treats a tenant the master cannot answer for as an outage of that tenant alone, not a 404, and not the batch's", async () => {
    const created = await master.admin('POST', '/tenants', { tenant_key: 'garage_gamma', nome: 'gamma', robo_tipo: 'carros' });
    expect(created.status).toBe(201);
    const known = resolverFor();
    await Promise.all([known.resolve({ key: 'garage_alpha' }), known.resolve({ key: 'garage_gamma' })]);
    // gamma's registry row becomes unreadable (its login name edited by hand).
    const [{ user }] = await rootSql<{ user: string }[]>(
      "SELECT db_user AS user FROM tenants WHERE tenant_key = 'garage_gamma'",
      [],
      master.masterDb,
    );
    await rootSql("UPDATE tenants SET db_user = 'root' WHERE tenant_key = 'garage_gamma'", [], master.masterDb);
    try {
      now += 6_000;
      const calls = known.calls;
      const [alpha, gamma] = await Promise.all([known.resolve({ key: 'garage_alpha' }), known.resolve({ key: 'garage_gamma' })]);
      expect(known.calls).toBe(calls + 1);
      expect([alpha.tenant.tenant_key, gamma.tenant.tenant_key]).toEqual(['garage_alpha', 'garage_gamma']); // gamma from its last answer

      const cold = resolverFor();
      const [coldAlpha, coldGamma] = await Promise.allSettled([
        cold.resolve({ key: 'garage_alpha' }),
        cold.resolve({ key: 'garage_gamma' }),
      ]);
      expect(cold.calls).toBe(1);
      expect(coldAlpha).toMatchObject({ status: 'fulfilled', value: { tenant: { tenant_key: 'garage_alpha' } } });
      expect(coldGamma).toMatchObject({ status: 'rejected', reason: { code: 'MASTER_UNAVAILABLE', retryAfterSeconds: 5 } });
    } finally {
      await rootSql("UPDATE tenants SET db_user = ? WHERE tenant_key = 'garage_gamma'", [user], master.masterDb);
    }
  });

  it('keeps serving known tenants while the master is down, within the stale window, and 503 for unknown ones', async () => {
    const resolver = resolverFor();
    await resolver.resolve({ key: 'garage_alpha' });
    await master.stop();
    try {
      now += 60_000;
      expect((await resolver.resolve({ key: 'garage_alpha' })).tenant.tenant_key).toBe('garage_alpha');
      await expect(resolver.resolve({ key: 'garage_beta' })).rejects.toMatchObject({ code: 'MASTER_UNAVAILABLE', retryAfterSeconds: 5 });
      now += 600_000;
      await expect(resolver.resolve({ key: 'garage_alpha' })).rejects.toMatchObject({ code: 'MASTER_UNAVAILABLE' });
    } finally {
      await master.start();
    }
    expect((await resolver.resolve({ key: 'garage_beta' })).tenant.tenant_key).toBe('garage_beta');
  }, 60_000);

  it('asks the gate only before a master call for a name it knows nothing of, and gives back what a found tenant took', async () => {
    const resolver = resolverFor();
    const asked: string[] = [];
    const gate = {
      admit: async (client: string) => void asked.push(`admit ${client}`),
      found: (client: string) => void asked.push(`found ${client}`),
    };
    await resolver.resolve({ key: 'garage_alpha' }, gate, 'alpha');
    await resolver.resolve({ key: 'garage_alpha' }, gate, 'alpha again'); // cached: no master call, no gate
    await expect(resolver.resolve({ key: 'nao_existe' }, gate, 'unknown')).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    await expect(resolver.resolve({ key: 'nao_existe' }, gate, 'unknown again')).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' }); // negative cache
    expect(asked).toEqual(['admit alpha', 'found alpha', 'admit unknown']);
  });

  it('makes no master call when the gate refuses', async () => {
    const resolver = resolverFor();
    const refusal = new Error('refused');
    await expect(
      resolver.resolve({ key: 'garage_beta' }, { admit: async () => Promise.reject(refusal), found: () => undefined }),
    ).rejects.toBe(refusal);
    expect(resolver.calls).toBe(0);
  });
});
