import { billingMonth } from '@helix/contracts';
import { masterSql, onboardActiveTenant, startTestRobot, tenantSql, type OnboardedTenant, type TestRobot } from '@helix/robot-core/testing';
import { eventually, spawnMaster, type SpawnedMaster } from '@helix/testing';
import request from 'supertest';
import { imoveisRobot } from './imoveis.definition';

let master: SpawnedMaster;
let robots: TestRobot[];

const chat = (robot: TestRobot, tenant: OnboardedTenant, telefone: string) =>
  request(robot.url)
    .post('/chat')
    .set({ 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` })
    .send({ telefone, mensagem: 'Tem apartamento em Pinheiros?' });

beforeAll(async () => {
  master = await spawnMaster();
  robots = [await startTestRobot(imoveisRobot, master), await startTestRobot(imoveisRobot, master)];
}, 60_000);

afterAll(async () => {
  await Promise.all((robots ?? []).map((robot) => robot.close()));
  await master?.close();
});

describe('imoveis-api plan limits', () => {
  it('answers exactly 3 of 40 concurrent chats, across two instances, for a tenant at 997 of 1,000 messages; the master ends at 1,000', async () => {
    const plano = await master.admin('POST', '/planos', {
      nome: 'Mil mensagens',
      preco_mensal: 19_700,
      limite_mensagens: 1_000,
      limite_tokens: 10_000_000,
      chat_por_minuto: 60_000,
      chat_rajada: 60_000,
    });
    expect(plano.status).toBe(201);
    const tenant = await onboardActiveTenant(master, 'imob_quase', 'imoveis', { planoId: plano.body.id });
    await masterSql(master, 'INSERT INTO uso_tokens (tenant_id, mes, mensagens_usadas, tokens_usados) VALUES (?, ?, 997, 0)', [
      tenant.id,
      billingMonth(new Date(), 'America/Sao_Paulo'),
    ]);

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => chat(robots[i % 2], tenant, `1198000${String(i).padStart(4, '0')}`)),
    );

    const replies = responses.filter((r) => r.status === 200);
    expect(replies).toHaveLength(3);
    expect(responses.filter((r) => r.status === 429 && r.body.error.code === 'QUOTA_EXCEEDED')).toHaveLength(37);
    const outboxEmpty = async () =>
      (await tenantSql<{ n: number }[]>(master, 'imoveis', tenant.key, 'SELECT COUNT(*) AS n FROM _usage_outbox'))[0].n === 0;
    await eventually(outboxEmpty, 5_000, 'usage shipped');
    const uso = await master.admin('GET', `/tenants/${tenant.key}/uso`);
    expect(uso.body).toMatchObject({ mensagens_usadas: 1_000, tokens_usados: replies.reduce((sum, r) => sum + r.body.tokens, 0) });
  }, 30_000);
});
