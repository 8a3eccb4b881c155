import { masterSql, onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { bindableTenant } from '@helix/tenant-context';
import { closeInOrder, type SpawnedMaster, spawnMaster } from '@helix/testing';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

let master: SpawnedMaster;
let robot: TestRobot;
let tenant: OnboardedTenant;

const as = (t: OnboardedTenant) => ({ 'X-Tenant-Key': t.key, Authorization: `Bearer ${t.apiKey}` });
const chat = (mensagem: string) => request(robot.url).post('/chat').set(as(tenant)).send({ telefone: '11911112222', mensagem });
const outbox = () =>
  tenantSql<{ id: string; mensagens: number; tokens: number; occurred_at: Date }[]>(
    master,
    'carros',
    tenant.key,
    'SELECT * FROM _usage_outbox ORDER BY id',
  );
const masterUsage = async () => {
  const rows = await masterSql<{ mensagens: number; tokens: number }[]>(
    master,
    'SELECT COALESCE(SUM(mensagens_usadas), 0) AS mensagens, COALESCE(SUM(tokens_usados), 0) AS tokens FROM uso_tokens u JOIN tenants t ON t.id = u.tenant_id WHERE t.tenant_key = ?',
    [tenant.key],
  );
  return { mensagens: Number(rows[0].mensagens), tokens: Number(rows[0].tokens) };
};

beforeAll(async () => {
  master = await spawnMaster();
  // Shipping is driven by hand (flush) so the test decides when the master is asked.
  robot = await startTestRobot(carrosRobot, master, { env: { TENANT_CACHE_TTL_MS: '200', USAGE_SHIP_INTERVAL_MS: '3600000' } });
  tenant = await onboardActiveTenant(master, 'garage_outage', 'carros');
}, 60_000);

afterAll(() => closeInOrder(robot, master));

describe('while the master is down', () => {
  it('keeps serving known tenants, holds usage in the outbox, and delivers it exactly once when the master returns', async () => {
    const first = await chat('Vocês têm Onix?');
    expect(first.status).toBe(200);
    await robot.runtime.shipper.flush();
    expect(await outbox()).toEqual([]);
    expect((await masterUsage()).mensagens).toBe(1);

    await master.stop();
    await new Promise((r) => setTimeout(r, 300)); // past the TTL: only the stale copy is left
    expect((await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key)).status).toBe(200);
    const replies = [await chat('E um HB20?'), await chat('Aceitam troca?'), await chat('Qual o horário?')];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const unknown = await request(robot.url).get('/veiculos').set('X-Tenant-Key', 'nunca_visto');
    expect(unknown.status).toBe(503);
    expect(unknown.body.error.code).toBe('MASTER_UNAVAILABLE');

    await expect(robot.runtime.shipper.flush()).rejects.toThrow();
    const waiting = await outbox();
    expect(waiting).toHaveLength(3);
    const tokens = replies.reduce((sum, r) => sum + r.body.tokens, first.body.tokens);

    await master.start();
    await robot.runtime.shipper.flush();
    expect(await outbox()).toEqual([]);
    expect(await masterUsage()).toEqual({ mensagens: 4, tokens });

    // A delivery whose acknowledgement was lost is sent again: the master counts it once.
    for (const event of waiting) {
      await tenantSql(master, 'carros', tenant.key, 'INSERT INTO _usage_outbox (id, mensagens, tokens, occurred_at) VALUES (?, ?, ?, ?)', [
        event.id,
        event.mensagens,
        event.tokens,
        event.occurred_at,
      ]);
    }
    robot.runtime.shipper.recorded(bindableTenant(await robot.runtime.resolver.resolve({ key: tenant.key })));
    await robot.runtime.shipper.flush();
    expect(await outbox()).toEqual([]);
    expect(await masterUsage()).toEqual({ mensagens: 4, tokens });
  }, 60_000);
});
