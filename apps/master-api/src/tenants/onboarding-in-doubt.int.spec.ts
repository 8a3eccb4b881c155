import { tenantDatabaseName, tenantUserName } from '@helix/provisioning';
import { databaseExists, dropScope, uniquePrefix, usersLike } from '@helix/testing';
import { startTestMaster } from '../testing/test-master';

/** What mysql2 reports when the master node dies while the activation's statements or COMMIT are on the wire. */
const connectionLost = () =>
  Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });

describe('an onboarding whose activation loses its master database node', () => {
  it('answers 503 and undoes nothing (the COMMIT may have taken effect); the next start removes what stayed incomplete', async () => {
    const prefix = uniquePrefix();
    const master = await startTestMaster({
      prefix,
      overrides: {
        faults: (step) => {
          if (step === 'ativacao') throw connectionLost();
        },
      },
    });
    const database = tenantDatabaseName(prefix, 'carros', 'garage_duvida');
    try {
      const response = await master.http
        .post('/tenants')
        .set(master.auth)
        .send({ tenant_key: 'garage_duvida', nome: 'Loja em dúvida', robo_tipo: 'carros' });

      expect(response.status).toBe(503);
      expect(response.body.error).toMatchObject({ code: 'ONBOARDING_FAILED', details: { etapa: 'ativacao' } });
      expect(response.body.error.message).toMatch(/pode ter sido criado/);
      // Had the COMMIT reached the cluster, the tenant would be active: its database and login must still be there.
      expect(await databaseExists(database)).toBe(true);
      expect(await usersLike(tenantUserName(prefix, database))).toHaveLength(1);
      expect(await master.sql<{ status: string }[]>('SELECT status FROM tenants WHERE tenant_key = ?', ['garage_duvida'])).toEqual([
        { status: 'provisioning' },
      ]);

      // As the next start finds it: older than the recovery's threshold (criado_em has whole seconds).
      await master.sql("UPDATE tenants SET criado_em = NOW() - INTERVAL 1 HOUR WHERE tenant_key = 'garage_duvida'");
      expect(await master.onboarding.recoverInterrupted(600)).toBe(1);
      expect(await databaseExists(database)).toBe(false);
      expect(await usersLike(tenantUserName(prefix, database))).toEqual([]);
    } finally {
      await master.close();
      await dropScope(prefix);
    }
  });
});
