import { randomUUID } from 'node:crypto';
import { activateSubscriptions, insertRegistryTenants } from '@helix/testing';
import { startTestMaster, TEST_SERVICE_TOKENS, type TestMaster } from '../testing/test-master';

const NOW = new Date('2026-12-15T12:00:00-03:00');

describe('/analytics', () => {
  let master: TestMaster;

  beforeAll(async () => {
    master = await startTestMaster({ overrides: { clock: () => NOW } });
    const carros = await insertRegistryTenants(master.db, ['carro_a', 'carro_b', 'carro_c']);
    const imoveis = await insertRegistryTenants(master.db, ['imovel_a', 'imovel_b'], 'imoveis');
    await activateSubscriptions(master.db, [carros.get('carro_a')!, carros.get('carro_b')!], 1);
    await activateSubscriptions(master.db, [imoveis.get('imovel_a')!], 3);
    // Expired by date: counts neither as active nor in the recurring revenue.
    await master.sql("INSERT INTO assinaturas (tenant_id, plano_id, status, data_fim) VALUES (?, 2, 'active', '2026-12-01')", [
      imoveis.get('imovel_b'),
    ]);
    await master.sql("INSERT INTO assinaturas (tenant_id, plano_id, status) VALUES (?, 2, 'pending')", [carros.get('carro_c')]);
    await master.sql("UPDATE tenants SET status = 'suspended' WHERE tenant_key = 'carro_c'");

    const event = (tenant_key: string, tokens: number, at = '2026-12-10T10:00:00-03:00') => ({
      id: randomUUID(),
      tenant_key,
      mensagens: 1,
      tokens,
      at,
    });
    // Each robot meters its own vertical's tenants.
    const ship = (robo: keyof typeof TEST_SERVICE_TOKENS, eventos: unknown[]) =>
      master.http
        .post('/internal/uso')
        .set({ Authorization: `Bearer ${TEST_SERVICE_TOKENS[robo]}` })
        .send({ eventos })
        .expect(200);
    await ship('carros', [
      event('carro_a', 400_000),
      event('carro_a', 50_000),
      event('carro_b', 1_000),
      event('carro_b', 9, '2026-11-10T10:00:00-03:00'),
    ]);
    await ship('imoveis', [event('imovel_a', 2_000_000)]);
  });
  afterAll(() => master.close());

  it("reports a month's usage per vertical and per tenant, biggest token users first", async () => {
    const response = await master.http.get('/analytics/uso').query({ top: 2 }).set(master.auth).expect(200);
    expect(response.body).toEqual({
      mes: '2026-12',
      total: { tenants: 3, mensagens: 4, tokens: 2_451_000 },
      por_robo_tipo: [
        { robo_tipo: 'carros', tenants: 2, mensagens: 3, tokens: 451_000 },
        { robo_tipo: 'imoveis', tenants: 1, mensagens: 1, tokens: 2_000_000 },
      ],
      top_tenants: [
        {
          tenant_key: 'imovel_a',
          nome: 'Cliente imovel_a',
          robo_tipo: 'imoveis',
          mensagens: 1,
          tokens: 2_000_000,
          percentual_mensagens: 0,
          percentual_tokens: 20,
        },
        {
          tenant_key: 'carro_a',
          nome: 'Cliente carro_a',
          robo_tipo: 'carros',
          mensagens: 2,
          tokens: 450_000,
          percentual_mensagens: 0.2,
          percentual_tokens: 90,
        },
      ],
      por_tenant: { data: expect.any(Array), page: 1, per_page: 50, total: 3 },
    });
    expect(response.body.por_tenant.data.map((t: { tenant_key: string }) => t.tenant_key)).toEqual(['imovel_a', 'carro_a', 'carro_b']);

    const november = await master.http.get('/analytics/uso').query({ mes: '2026-11', per_page: 1 }).set(master.auth).expect(200);
    expect(november.body).toMatchObject({ mes: '2026-11', total: { tenants: 1, tokens: 9 }, por_tenant: { total: 1, per_page: 1 } });
  });

  it('sums up tenants by status and vertical, subscriptions by status and the monthly recurring revenue', async () => {
    const response = await master.http.get('/analytics/resumo').set(master.auth).expect(200);
    expect(response.body).toEqual({
      tenants: {
        total: 5,
        por_status: { active: 4, suspended: 1 },
        por_robo_tipo: { carros: { active: 2, suspended: 1, total: 3 }, imoveis: { active: 2, suspended: 0, total: 2 } },
      },
      assinaturas: {
        ativas: 3,
        por_status: { pending: 1, active: 3, past_due: 0, cancelled: 0, expired: 1 },
        por_plano: [
          { plano_id: 1, nome: 'Básico', assinaturas: 2, mrr_centavos: 39_400 },
          { plano_id: 3, nome: 'Empresarial', assinaturas: 1, mrr_centavos: 129_700 },
        ],
      },
      mrr_centavos: 169_100,
    });
  });

  it('is for admins only and validates its query', async () => {
    await master.http.get('/analytics/resumo').expect(401);
    await master.http
      .get('/analytics/uso')
      .set({ Authorization: `Bearer ${TEST_SERVICE_TOKENS.carros}` })
      .expect(401);
    for (const query of [
      { mes: '2026-13' },
      { mes: '0050-06' },
      { mes: '2101-01' },
      { top: 0 },
      { top: 1000 },
      { page: -1 },
      { mes: "2026-12' OR 1=1" },
    ]) {
      const response = await master.http.get('/analytics/uso').query(query).set(master.auth);
      expect(response.status).toBe(400);
    }
  });
});
