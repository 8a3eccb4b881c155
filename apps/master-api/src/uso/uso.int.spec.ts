import { randomUUID } from 'node:crypto';
import type { UsageBatchResultV1, UsageEventV1 } from '@helix/contracts';
import { insertRegistryTenants } from '@helix/testing';
import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const service = { Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` };
const NOW = new Date('2026-12-15T12:00:00-03:00');

function event(tenantKey: string, overrides: Partial<UsageEventV1> = {}): UsageEventV1 {
  return { id: randomUUID(), tenant_key: tenantKey, mensagens: 1, tokens: 250, at: '2026-12-10T10:00:00-03:00', ...overrides };
}

describe('POST /internal/uso: exactly-once metering', () => {
  let master: TestMaster;
  let tenants: Map<string, number>;
  const keys = Array.from({ length: 100 }, (_, i) => `loja_${String(i).padStart(3, '0')}`);

  const ship = async (eventos: unknown[]): Promise<UsageBatchResultV1> => {
    const response = await master.http.post('/internal/uso').set(service).send({ eventos });
    if (response.status !== 200) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const usage = async (tenantKey: string, mes: string) => {
    const [row] = await master.sql<{ mensagens_usadas: number; tokens_usados: number }[]>(
      'SELECT mensagens_usadas, tokens_usados FROM uso_tokens WHERE tenant_id = ? AND mes = ?',
      [tenants.get(tenantKey), mes],
    );
    return row ? { mensagens: row.mensagens_usadas, tokens: Number(row.tokens_usados) } : { mensagens: 0, tokens: 0 };
  };

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => NOW } });
    tenants = await insertRegistryTenants(master.db, keys);
  });
  afterAll(() => master.close());

  it('counts the same batch sent 5 times concurrently once, and says which calls counted what', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => event('loja_000', { tokens: 100 + i }));
    const results = await Promise.all(Array.from({ length: 5 }, () => ship(batch)));

    const counted = results.flatMap((r) => r.novos).sort();
    expect(counted).toEqual(batch.map((e) => e.id).sort());
    for (const result of results) {
      expect([...result.novos, ...result.duplicados].sort()).toEqual(batch.map((e) => e.id).sort());
      expect(result.recusados).toEqual([]);
    }
    expect(await usage('loja_000', '2026-12')).toEqual({ mensagens: 50, tokens: batch.reduce((sum, e) => sum + e.tokens, 0) });

    const again = await ship(batch);
    expect(again).toEqual({ novos: [], duplicados: batch.map((e) => e.id), recusados: [] });
    expect(await usage('loja_000', '2026-12')).toEqual({ mensagens: 50, tokens: batch.reduce((sum, e) => sum + e.tokens, 0) });
  });

  it('keeps totals exact to the unit for 10,000 events of 100 tenants from 20 senders retrying at random', async () => {
    const tenantKeys = keys.slice(1);
    const events = Array.from({ length: 10_000 }, (_, i) =>
      event(tenantKeys[i % tenantKeys.length], {
        mensagens: 1 + (i % 3),
        tokens: 1 + ((i * 7919) % 4000),
        at: i % 2 ? '2026-11-20T08:00:00-03:00' : '2026-12-02T08:00:00-03:00',
      }),
    );
    const batches: UsageEventV1[][] = [];
    for (let start = 0; start < events.length;) {
      const size = 50 + Math.floor(Math.random() * 450);
      batches.push(events.slice(start, start + size));
      start += size;
    }
    // Each sender ships its share, re-sends a batch whose answer it "lost", and sometimes
    // re-ships a slice of another sender's batch, as a robot restarted from an old outbox would.
    const counts = new Map<string, number>();
    const sender = async (index: number) => {
      for (let b = index; b < batches.length; b += 20) {
        const attempts = 1 + Math.floor(Math.random() * 3);
        for (let attempt = 0; attempt < attempts; attempt++) {
          for (const id of (await ship(batches[b])).novos) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        if (Math.random() < 0.3) {
          const other = batches[Math.floor(Math.random() * batches.length)];
          for (const id of (await ship(other.slice(0, 40))).novos) counts.set(id, (counts.get(id) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => sender(i)));

    expect(counts.size).toBe(10_000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const expected = new Map<string, { mensagens: number; tokens: number }>();
    for (const e of events) {
      const key = `${e.tenant_key}|${e.at.startsWith('2026-11') ? '2026-11' : '2026-12'}`;
      const total = expected.get(key) ?? { mensagens: 0, tokens: 0 };
      total.mensagens += e.mensagens;
      total.tokens += e.tokens;
      expected.set(key, total);
    }
    const rows = await master.sql<{ tenant_key: string; mes: string; mensagens_usadas: number; tokens_usados: number }[]>(
      `SELECT t.tenant_key, u.mes, u.mensagens_usadas, u.tokens_usados FROM uso_tokens u JOIN tenants t ON t.id = u.tenant_id
       WHERE t.tenant_key <> 'loja_000'`,
    );
    const actual = new Map(
      rows.map((r) => [`${r.tenant_key}|${r.mes}`, { mensagens: r.mensagens_usadas, tokens: Number(r.tokens_usados) }]),
    );
    expect(actual).toEqual(expected);
  });

  it('charges the month of `at` in São Paulo, not of arrival nor of UTC', async () => {
    const lastOfNovember = event('loja_001', { at: '2026-11-30T23:30:00-03:00', mensagens: 0, tokens: 7 });
    const firstOfDecember = event('loja_001', { at: '2026-12-01T00:30:00-03:00', mensagens: 0, tokens: 11 });
    const sameInstantInUtc = event('loja_001', { at: '2026-12-01T02:30:00Z', mensagens: 0, tokens: 13 });
    const before = { nov: await usage('loja_001', '2026-11'), dec: await usage('loja_001', '2026-12') };
    await ship([lastOfNovember, firstOfDecember, sameInstantInUtc]);
    expect(await usage('loja_001', '2026-11')).toEqual({ ...before.nov, tokens: before.nov.tokens + 7 + 13 });
    expect(await usage('loja_001', '2026-12')).toEqual({ ...before.dec, tokens: before.dec.tokens + 11 });
    const [ledger] = await master.sql<{ ocorrido_em: Date; mes: string }[]>(
      "SELECT ocorrido_em, mes FROM uso_eventos WHERE id = UNHEX(REPLACE(?, '-', ''))",
      [lastOfNovember.id],
    );
    expect(ledger).toEqual({ ocorrido_em: new Date('2026-11-30T23:30:00-03:00'), mes: '2026-11' });
  });

  it('refuses bad events one by one with a reason and counts the good ones of the same batch', async () => {
    const good = event('loja_002');
    const duplicateInBatch = { ...good };
    const bad: [unknown, string][] = [
      [event('nao_existe'), 'TENANT_NOT_FOUND'],
      [event('loja_002', { mensagens: -1 }), 'INVALID_EVENT'],
      [event('loja_002', { tokens: 1.5 }), 'INVALID_EVENT'],
      [event('loja_002', { tokens: 5_000_000_000 }), 'VALUE_OUT_OF_RANGE'],
      [event('loja_002', { mensagens: 10_000 }), 'VALUE_OUT_OF_RANGE'],
      [event('loja_002', { at: '2027-01-01T00:00:00-03:00' }), 'AT_IN_FUTURE'],
      [event('loja_002', { at: '2020-01-01T00:00:00-03:00' }), 'AT_TOO_OLD'],
      [event('loja_002', { at: '2026-12-10 10:00' }), 'INVALID_EVENT'],
      [event('loja_002', { at: '2026-12-10T10:00:00' }), 'INVALID_EVENT'],
      [event('loja_002', { at: '0050-12-10T10:00:00-03:00' }), 'INVALID_EVENT'],
      [event('loja_002', { id: "1' OR '1'='1" }), 'INVALID_EVENT'],
      [event('loja_002', { tenant_key: "loja_002'; DROP TABLE uso_tokens; --" }), 'INVALID_EVENT'],
      [{ ...event('loja_002'), tokens: '250' }, 'INVALID_EVENT'],
      [null, 'INVALID_EVENT'],
      ['texto', 'INVALID_EVENT'],
      [{}, 'INVALID_EVENT'],
    ];
    const before = await usage('loja_002', '2026-12');
    const result = await ship([good, ...bad.map(([e]) => e), duplicateInBatch]);

    expect(result.novos).toEqual([good.id]);
    expect(result.duplicados).toEqual([good.id]);
    expect(result.recusados.map((r) => r.code).sort()).toEqual(bad.map(([, code]) => code).sort());
    for (const rejection of result.recusados) expect(rejection.motivo).toEqual(expect.any(String));
    expect(result.recusados).toContainEqual({
      id: (bad[0][0] as UsageEventV1).id,
      code: 'TENANT_NOT_FOUND',
      motivo: "Cliente 'nao_existe' não encontrado.",
    });
    expect(result.recusados).toContainEqual({
      id: (bad[3][0] as UsageEventV1).id,
      code: 'VALUE_OUT_OF_RANGE',
      motivo: expect.stringMatching(/^tokens: /),
    });
    expect(result.recusados).toContainEqual({
      id: (bad[9][0] as UsageEventV1).id,
      code: 'INVALID_EVENT',
      motivo: 'at: use um ano entre 2000 e 2100',
    });
    expect(await usage('loja_002', '2026-12')).toEqual({ mensagens: before.mensagens + 1, tokens: before.tokens + 250 });
  });

  it('refuses malformed envelopes with 4xx JSON and accepts an empty batch', async () => {
    const cases: [unknown, number][] = [
      [{ eventos: Array.from({ length: 1001 }, () => event('loja_003')) }, 400],
      [{ eventos: 'x' }, 400],
      [{}, 400],
      [[event('loja_003')], 400],
      [{ eventos: [], extra: 1 }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await master.http
        .post('/internal/uso')
        .set(service)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(response.status).toBe(status);
      expect(response.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    expect(await ship([])).toEqual({ novos: [], duplicados: [], recusados: [] });
  });

  it('accepts a full batch of 1,000 events in one body', async () => {
    const batch = Array.from({ length: 1000 }, () => event('loja_004'));
    expect((await ship(batch)).novos).toHaveLength(1000);
  });

  it("meters a robot's events only for tenants of its own vertical: another vertical's tenant is refused as unknown", async () => {
    const fromCarros = event('loja_005');
    expect((await ship([fromCarros])).novos).toEqual([fromCarros.id]);
    const before = await usage('loja_005', '2026-12');

    // The carros robot's lookup of loja_005 is cached by now: the imoveis robot must still not reach it.
    const fromImoveis = event('loja_005');
    const response = await master.http
      .post('/internal/uso')
      .set({ Authorization: `Bearer ${TEST_SERVICE_TOKENS.imoveis}` })
      .send({ eventos: [fromImoveis] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      novos: [],
      duplicados: [],
      recusados: [{ id: fromImoveis.id, code: 'TENANT_NOT_FOUND', motivo: "Cliente 'loja_005' não encontrado." }],
    });
    expect(await usage('loja_005', '2026-12')).toEqual(before);
  });

  it('accepts only service tokens', async () => {
    await master.http.post('/internal/uso').send({ eventos: [] }).expect(401);
    await master.http.post('/internal/uso').set(master.auth).send({ eventos: [] }).expect(401);
  });
});

describe('usage against plan limits', () => {
  let master: TestMaster;
  const service = { Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` };

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => NOW } });
    await master.createTenant({ tenant_key: 'garage_alpha', nome: 'Feirão', robo_tipo: 'carros', plano_id: 1 });
    await master.sql("UPDATE assinaturas SET status = 'active'");
  });
  afterAll(() => master.close());

  const ship = (eventos: UsageEventV1[]) => master.http.post('/internal/uso').set(service).send({ eventos }).expect(200);

  it('reports the month with limits and percentages, and records 80 % and 100 % crossings once', async () => {
    // Básico: 1,000 messages and 500,000 tokens a month.
    await ship([event('garage_alpha', { mensagens: 100, tokens: 390_000 })]);
    let month = await master.http.get('/tenants/garage_alpha/uso').set(master.auth).expect(200);
    expect(month.body).toEqual({
      tenant_key: 'garage_alpha',
      mes: '2026-12',
      mensagens_usadas: 100,
      tokens_usados: 390_000,
      limite_mensagens: 1000,
      limite_tokens: 500_000,
      percentual_mensagens: 10,
      percentual_tokens: 78,
      plano: { id: 1, nome: 'Básico' },
      alertas: [],
    });

    await ship([event('garage_alpha', { mensagens: 0, tokens: 10_000 })]);
    await ship([event('garage_alpha', { mensagens: 0, tokens: 1 })]);
    month = await master.http.get('/tenants/garage_alpha/uso').set(master.auth).expect(200);
    expect(month.body.alertas).toEqual([expect.objectContaining({ recurso: 'tokens', limiar: 80, usado: 400_000, limite: 500_000 })]);

    await ship([event('garage_alpha', { mensagens: 0, tokens: 150_000 })]);
    await ship([event('garage_alpha', { mensagens: 0, tokens: 150_000 })]);
    const alertas = await master.http.get('/uso/alertas').query({ mes: '2026-12' }).set(master.auth).expect(200);
    expect(alertas.body.data.map((a: { limiar: number }) => a.limiar)).toEqual([100, 80]);
    expect(alertas.body.data[0]).toMatchObject({ tenant_key: 'garage_alpha', recurso: 'tokens', usado: 550_001 });

    const resolved = await master.http.get('/internal/tenants/resolve').query({ key: 'garage_alpha' }).set(service).expect(200);
    expect(resolved.body.uso).toEqual({ mes: '2026-12', mensagens_usadas: 100, tokens_usados: 700_001, fuso_horario: 'America/Sao_Paulo' });
  });

  it('reads another month on request and refuses malformed months and unknown tenants', async () => {
    const november = await master.http.get('/tenants/garage_alpha/uso').query({ mes: '2026-11' }).set(master.auth).expect(200);
    expect(november.body).toMatchObject({ mes: '2026-11', mensagens_usadas: 0, tokens_usados: 0, percentual_tokens: 0, alertas: [] });
    for (const mes of ['2026-13', '2026-1', "2026-11' OR 1=1", '']) {
      const response = await master.http.get('/tenants/garage_alpha/uso').query({ mes }).set(master.auth);
      expect(response.status).toBe(400);
    }
    for (const mes of ['0001-01', '0050-06', '1999-12', '2101-01']) {
      const response = await master.http.get('/tenants/garage_alpha/uso').query({ mes }).set(master.auth);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ campo: 'query.mes', problema: 'use um ano entre 2000 e 2100' }],
      });
    }
    await master.http.get('/uso/alertas').query({ mes: '0050-06' }).set(master.auth).expect(400);
    await master.http.get('/tenants/garage_alpha/uso').query({ mes: '2000-01' }).set(master.auth).expect(200);
    await master.http.get('/tenants/nao_existe/uso').set(master.auth).expect(404);
    await master.http.get('/tenants/garage_alpha/uso').expect(401);
  });
});
