import { spawnMaster, type SpawnedMaster } from '@helix/testing';
import request from 'supertest';

/** Two master processes on one database: what one of them revokes, the other refuses on its next request. */
describe('admin sessions across master instances', () => {
  let master: SpawnedMaster;
  let second: { url: string };
  beforeAll(async () => {
    master = await spawnMaster();
    second = await master.anotherInstance();
  }, 60_000);
  afterAll(() => master?.close());

  const PASSWORD = 'senha-do-alvo-123';

  async function loginOn(url: string, email: string): Promise<string> {
    const response = await request(url).post('/auth/login').send({ email, password: PASSWORD }).expect(200);
    return response.body.token;
  }

  it('refuses on the other instance, at once, the token of an admin deactivated on this one', async () => {
    const created = await master.admin('POST', '/usuarios-admin', {
      email: 'alvo1@helix.test',
      nome: 'Alvo',
      password: PASSWORD,
      role: 'admin',
    });
    expect(created.status).toBe(201);
    const token = await loginOn(second.url, 'alvo1@helix.test');
    await request(second.url).get('/tenants').set('Authorization', `Bearer ${token}`).expect(200);

    expect((await master.admin('PATCH', `/usuarios-admin/${created.body.id}`, { ativo: false })).status).toBe(200);
    const refused = await request(second.url).get('/tenants').set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_REVOKED');
  });

  it('refuses on this instance a token logged out on the other', async () => {
    expect(
      (await master.admin('POST', '/usuarios-admin', { email: 'alvo2@helix.test', nome: 'Alvo', password: PASSWORD, role: 'viewer' }))
        .status,
    ).toBe(201);
    const token = await loginOn(master.url, 'alvo2@helix.test');
    await request(second.url).post('/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);

    const refused = await request(master.url).get('/auth/me').set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_REVOKED');
  });
});
