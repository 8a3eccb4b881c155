import request from 'supertest';
import { useProdutosRobot } from '../testing/start-produtos-robot';
import { refreshTenant } from './tenant-refresh.routes';

const platform = useProdutosRobot();

describe('POST /internal/tenants/:key/refresh', () => {
  it("a change's notice re-reads the tenant without holding its writes; a move's holds them while it asks the master", async () => {
    const { robot, tenant } = platform();
    const { activity } = robot.runtime;

    const change = refreshTenant(robot.runtime, tenant.key, 'alteracao');
    expect(activity.isBlocked(tenant.key)).toBe(false);
    await expect(change).resolves.toMatchObject({ tenant_key: tenant.key, escrita_congelada: false });

    const move = refreshTenant(robot.runtime, tenant.key, 'movimentacao');
    expect(activity.isBlocked(tenant.key)).toBe(true);
    await move;
    // Not frozen in the registry: the hold ends with the master's answer.
    expect(activity.isBlocked(tenant.key)).toBe(false);
  });

  it("takes the reason in the query (a move's by default) and refuses any other, with the robot's own service token", async () => {
    const { robot, tenant, master } = platform();
    const call = (query: string) =>
      request(robot.url)
        .post(`/internal/tenants/${tenant.key}/refresh${query}`)
        .set('Authorization', `Bearer ${master.serviceTokens.carros}`);
    for (const query of ['', '?motivo=alteracao', '?motivo=movimentacao']) {
      const answered = await call(query);
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({ tenant_key: tenant.key, escrita_congelada: false, escritas_em_andamento: 0 });
    }
    const refused = await call('?motivo=apagar');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
  });
});
