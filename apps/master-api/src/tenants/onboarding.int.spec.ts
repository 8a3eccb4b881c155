import { createHash } from 'node:crypto';
import { mkdtemp, cp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, latestVersions, loadMigrations, quoteIdentifier } from '@helix/db';
import { tenantAccess, tenantDatabaseName, tenantRoleName, tenantUserName } from '@helix/provisioning';
import { SecretBox } from '@helix/secrets';
import {
  connectAs,
  CARROS_TENANT_TABLES,
  databaseExists,
  databasesLike,
  dropScope,
  roleExists,
  rootSql,
  testMysqlUrl,
  uniquePrefix,
  usersLike,
} from '@helix/testing';
import { startTestMaster, type TestMaster } from '../testing/test-master';
import { ONBOARDING_STEPS, type OnboardingStep } from '@helix/tenant-ops';

const INFRA = path.resolve(__dirname, '../../../../infra');
/** The last file of each series a carros tenant is made from: the base, then its own. */
const carrosTemplateVersions = async () =>
  latestVersions([
    ...(await loadMigrations(path.join(INFRA, 'tenant/base'), 'base')),
    ...(await loadMigrations(path.join(INFRA, 'tenant/carros'), 'carros')),
  ]);

const newTenant = (tenant_key: string, extra: Record<string, unknown> = {}) => ({
  tenant_key,
  nome: `Loja ${tenant_key}`,
  robo_tipo: 'carros',
  ...extra,
});

/** The tenant's own MySQL login, from the registry (robots are not sent it). */
async function principalOf(master: TestMaster, key: string) {
  const [row] = await master.sql<{ db_user: string; db_password_enc: string; database_name: string }[]>(
    'SELECT db_user, db_password_enc, database_name FROM tenants WHERE tenant_key = ?',
    [key],
  );
  return { user: row.db_user, password: new SecretBox(master.config.TENANT_SECRET_KEY).open(row.db_password_enc), name: row.database_name };
}

/** The tenant's role and its server's gateway, computed as the master computes them for robots (no rotation in this file: generation 0). */
async function accessOf(master: TestMaster, key: string) {
  const [row] = await master.sql<
    { db_user: string; robo_tipo: 'carros' | 'imoveis'; db_host: string; db_port: number; database_name: string }[]
  >('SELECT db_user, robo_tipo, db_host, db_port, database_name FROM tenants WHERE tenant_key = ?', [key]);
  return { name: row.database_name, ...tenantAccess(new SecretBox(master.config.TENANT_SECRET_KEY), { ...row, gateway_geracao: 0 }) };
}

const countSubscriptions = async (master: TestMaster) => (await master.sql<{ n: number }[]>('SELECT COUNT(*) AS n FROM assinaturas'))[0].n;

async function expectNothingLeftFor(master: TestMaster, key: string, subscriptionsBefore?: number) {
  const database = tenantDatabaseName(master.prefix, 'carros', key);
  expect(await master.sql<unknown[]>('SELECT id FROM tenants WHERE tenant_key = ?', [key])).toHaveLength(0);
  if (subscriptionsBefore !== undefined) expect(await countSubscriptions(master)).toBe(subscriptionsBefore);
  expect(await databaseExists(database)).toBe(false);
  expect(await usersLike(tenantUserName(master.prefix, database))).toEqual([]);
  expect(await roleExists(tenantRoleName(tenantUserName(master.prefix, database)))).toBe(false);
}

describe('POST /tenants onboarding', () => {
  let master: TestMaster;
  let failAt: OnboardingStep | undefined;

  beforeAll(async () => {
    master = await startTestMaster({
      overrides: {
        faults: (step) => {
          if (step === failAt) throw new Error(`injected failure at ${step}`);
        },
      },
    });
  });
  afterAll(() => master.close());
  afterEach(() => {
    failAt = undefined;
  });

  it('creates the tenant, its own database at the latest template version, a principal, an API key and a pending subscription', async () => {
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('garage_alpha', { dominio: 'FeiraoShowcar.com.br', plano_id: 1 }));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      tenant: { tenant_key: 'garage_alpha', robo_tipo: 'carros', status: 'active', dominio: 'feiraoshowcar.com.br' },
      database_name: `${master.prefix}carros_garage_alpha`,
      schema_version: await carrosTemplateVersions(),
      assinatura: { plano_id: 1, status: 'pending' },
    });
    expect(response.body.api_key).toMatch(/^hx_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(response.body)).not.toMatch(/password|api_key_hash/);

    const [row] = await master.sql<{ db_password_enc: string; api_key_hash: string }[]>('SELECT * FROM tenants WHERE tenant_key = ?', [
      'garage_alpha',
    ]);
    expect(row.db_password_enc).toMatch(/^v1\./);
    expect(row.api_key_hash).not.toContain(response.body.api_key);
    const principal = tenantUserName(master.prefix, response.body.database_name);
    expect(await usersLike(principal)).toEqual([principal]);
    const tables = await master.sql<{ t: string }[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [
      response.body.database_name,
    ]);
    expect(tables.map((t) => t.t).sort()).toEqual([...CARROS_TENANT_TABLES]);
  });

  it("invites the store's owner (email_responsavel) with a one-time link on the store's address: only its hash is stored", async () => {
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('garage_dono', { email_responsavel: ' Dono@Garage.test ' }));
    expect(response.status).toBe(201);
    expect(response.body.convite_url).toMatch(/^http:\/\/garage-dono\.localhost:3003\/painel\/convite#[A-Za-z0-9_-]{43}$/);
    const token = response.body.convite_url.split('#')[1];
    const owners = await master.sql<{ email: string; papel: string; senha_hash: string | null; convite_hash: string; dias: number }[]>(
      `SELECT email, papel, senha_hash, convite_hash, ROUND(TIMESTAMPDIFF(HOUR, NOW(), convite_expira_em) / 24) AS dias
         FROM ${quoteIdentifier(response.body.database_name)}.equipe_usuarios`,
    );
    expect(owners).toEqual([
      {
        email: 'dono@garage.test',
        papel: 'dono',
        senha_hash: null,
        convite_hash: createHash('sha256').update(token).digest('hex'),
        dias: 7,
      },
    ]);

    const withoutOwner = await master.http.post('/tenants').set(master.auth).send(newTenant('garage_sem_dono')).expect(201);
    expect(withoutOwner.body.convite_url).toBeNull();
    const invalid = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('garage_email_ruim', { email_responsavel: 'não é e-mail' }));
    expect(invalid.status).toBe(400);
  });

  it("gives a principal that reads and writes its own database and is refused on another tenant's", async () => {
    await master.http.post('/tenants').set(master.auth).send(newTenant('garage_beta')).expect(201);
    await master.http.post('/tenants').set(master.auth).send(newTenant('garage_gamma')).expect(201);
    const beta = await principalOf(master, 'garage_beta');
    const gamma = await principalOf(master, 'garage_gamma');

    const asBeta = await connectAs(beta, beta.name);
    try {
      await asBeta.query("INSERT INTO cars (brand, model, year, price) VALUES ('Fiat', 'Uno', 2012, 18000)");
      const [cars] = await asBeta.query('SELECT brand, model FROM cars');
      expect(cars).toEqual([{ brand: 'Fiat', model: 'Uno' }]);

      await expect(asBeta.query(`SELECT * FROM ${quoteIdentifier(gamma.name)}.cars`)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      await expect(asBeta.query(`INSERT INTO ${quoteIdentifier(gamma.name)}.cars (brand) VALUES ('x')`)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      await expect(asBeta.query(`USE ${quoteIdentifier(gamma.name)}`)).rejects.toMatchObject({ code: 'ER_DBACCESS_DENIED_ERROR' });
      await expect(asBeta.query(`SELECT * FROM ${quoteIdentifier(master.config.MASTER_DB)}.tenants`)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      // Data only: the schema is changed by operators' migrations, never by a robot.
      await expect(asBeta.query('DROP TABLE cars')).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
    } finally {
      await asBeta.end();
    }
    await expect(connectAs(beta, gamma.name)).rejects.toMatchObject({ code: 'ER_DBACCESS_DENIED_ERROR' });
  });

  it("gives a role held by its vertical's gateway: the gateway alone reads nothing; with the role, its tenant's database and no other", async () => {
    await master.http.post('/tenants').set(master.auth).send(newTenant('garage_delta')).expect(201);
    await master.http.post('/tenants').set(master.auth).send(newTenant('garage_epsilon')).expect(201);
    await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('imob_zeta', { robo_tipo: 'imoveis' }))
      .expect(201);
    const delta = await accessOf(master, 'garage_delta');
    const epsilon = await accessOf(master, 'garage_epsilon');
    const zeta = await accessOf(master, 'imob_zeta');
    expect(delta.gateway).toEqual(epsilon.gateway);
    expect(zeta.gateway.user).not.toBe(delta.gateway.user);
    const q = quoteIdentifier;

    const gateway = await connectAs(delta.gateway);
    try {
      await expect(gateway.query(`SELECT * FROM ${q(delta.name)}.cars`)).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
      await expect(gateway.query(`USE ${q(delta.name)}`)).rejects.toMatchObject({ code: 'ER_DBACCESS_DENIED_ERROR' });

      await gateway.query(`SET ROLE ${q(delta.role)}`);
      await gateway.query(`USE ${q(delta.name)}`);
      await gateway.query("INSERT INTO cars (brand, model, year, price) VALUES ('Fiat', 'Uno', 2012, 18000)");
      expect((await gateway.query('SELECT brand, model FROM cars'))[0]).toEqual([{ brand: 'Fiat', model: 'Uno' }]);
      await expect(gateway.query(`SELECT * FROM ${q(epsilon.name)}.cars`)).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
      await expect(gateway.query(`INSERT INTO ${q(epsilon.name)}.cars (brand) VALUES ('x')`)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      await expect(gateway.query(`SELECT * FROM ${q(master.config.MASTER_DB)}.tenants`)).rejects.toMatchObject({
        code: 'ER_TABLEACCESS_DENIED_ERROR',
      });
      await expect(gateway.query('DROP TABLE cars')).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });

      // Another tenant's role replaces the first: its database now, and the first's no more.
      await gateway.query(`SET ROLE ${q(epsilon.role)}`);
      await expect(gateway.query('SELECT * FROM cars')).rejects.toMatchObject({ code: 'ER_TABLEACCESS_DENIED_ERROR' });
      expect((await gateway.query(`SELECT COUNT(*) AS n FROM ${q(epsilon.name)}.cars`))[0]).toEqual([{ n: 0 }]);
      // The other vertical's tenants are not this gateway's to take (MariaDB's ER_INVALID_ROLE, unnamed by mysql2).
      await expect(gateway.query(`SET ROLE ${q(zeta.role)}`)).rejects.toMatchObject({
        errno: 1959,
        message: expect.stringMatching(/invalid role/i),
      });
    } finally {
      await gateway.end();
    }
  });

  it('refuses a leftover role of the same name, leaving no user behind and the role untouched', async () => {
    const database = tenantDatabaseName(master.prefix, 'carros', 'garage_papel');
    const user = tenantUserName(master.prefix, database);
    await rootSql(`CREATE ROLE ${quoteIdentifier(tenantRoleName(user))}`);

    const response = await master.http.post('/tenants').set(master.auth).send(newTenant('garage_papel'));

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'PRINCIPAL_EXISTS', details: { etapa: 'principal' } });
    expect(await usersLike(user)).toEqual([]);
    expect(await databaseExists(database)).toBe(false);
    expect(await master.sql<unknown[]>('SELECT id FROM tenants WHERE tenant_key = ?', ['garage_papel'])).toHaveLength(0);
    expect(await roleExists(tenantRoleName(user))).toBe(true);
  });

  it.each(ONBOARDING_STEPS)('leaves no row, database, user, role or subscription behind when step %s fails', async (step) => {
    failAt = step;
    const subscriptionsBefore = await countSubscriptions(master);
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('garage_falha', { plano_id: 2, email_responsavel: 'dono@falha.test' }));

    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ code: 'ONBOARDING_FAILED', details: { etapa: step } });
    await expectNothingLeftFor(master, 'garage_falha', subscriptionsBefore);
  });

  it('succeeds for the same key once the failure is gone', async () => {
    await master.http.post('/tenants').set(master.auth).send(newTenant('garage_falha')).expect(201);
  });

  it('refuses an unknown plan before creating anything', async () => {
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('garage_semplano', { plano_id: 999 }));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('PLANO_NOT_FOUND');
    await expectNothingLeftFor(master, 'garage_semplano');
  });

  it('refuses to adopt a database that already exists on the server, and leaves it untouched', async () => {
    const orphan = tenantDatabaseName(master.prefix, 'carros', 'garage_orfa');
    const root = await connectOnce(testMysqlUrl());
    await root.query(`CREATE DATABASE ${quoteIdentifier(orphan)}`);
    await root.query(`CREATE TABLE ${quoteIdentifier(orphan)}.dados_antigos (id INT)`);
    await root.end();

    const response = await master.http.post('/tenants').set(master.auth).send(newTenant('garage_orfa'));

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('DATABASE_EXISTS');
    expect(await master.sql<unknown[]>('SELECT id FROM tenants WHERE tenant_key = ?', ['garage_orfa'])).toHaveLength(0);
    expect(await master.sql<unknown[]>('SELECT table_name FROM information_schema.tables WHERE table_schema = ?', [orphan])).toHaveLength(
      1,
    );
  });

  it('onboards 20 distinct tenants in parallel, each active with its pending subscription', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `paralelo_${i}`);
    const responses = await Promise.all(
      keys.map((key) =>
        master.http
          .post('/tenants')
          .set(master.auth)
          .send(newTenant(key, { plano_id: 1 })),
      ),
    );
    expect(responses.map((r) => [r.status, r.body.error?.details?.etapa])).toEqual(keys.map(() => [201, undefined]));
    const databases = await databasesLike(`${master.prefix}carros_paralelo_`);
    expect(databases.sort()).toEqual(keys.map((k) => `${master.prefix}carros_${k}`).sort());
    const activated = await master.sql<{ tenant_key: string }[]>(
      `SELECT t.tenant_key FROM tenants t JOIN assinaturas a ON a.tenant_id = t.id AND a.status = 'pending' WHERE t.tenant_key LIKE 'paralelo\\_%' AND t.status = 'active'`,
    );
    expect(activated.map((row) => row.tenant_key).sort()).toEqual([...keys].sort());
  });

  it('gives exactly one 201 and nineteen 409s for 20 parallel onboardings of one key, and one database', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => master.http.post('/tenants').set(master.auth).send(newTenant('disputado'))),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.error.code === 'TENANT_KEY_TAKEN')).toBe(true);
    expect(await databasesLike(`${master.prefix}carros_disputado`)).toEqual([`${master.prefix}carros_disputado`]);
    expect(await master.sql<unknown[]>('SELECT id FROM tenants WHERE tenant_key = ?', ['disputado'])).toHaveLength(1);
  });

  it('refuses a domain that another tenant already has', async () => {
    await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('dono_dominio', { dominio: 'loja.exemplo.com.br' }))
      .expect(201);
    const response = await master.http
      .post('/tenants')
      .set(master.auth)
      .send(newTenant('outro_dominio', { dominio: 'LOJA.exemplo.com.br' }));
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('DOMAIN_TAKEN');
    await expectNothingLeftFor(master, 'outro_dominio');
  });
});

describe('onboarding against a broken template migration', () => {
  it('drops the half-built database and reports the failing step', async () => {
    const infra = await mkdtemp(path.join(os.tmpdir(), 'helix-infra-'));
    await cp(INFRA, infra, { recursive: true });
    const next = String((await carrosTemplateVersions()).carros + 1).padStart(4, '0');
    await writeFile(
      path.join(infra, `tenant/carros/${next}_quebrada.sql`),
      'ALTER TABLE cars ADD COLUMN ok INT;\nALTER TABLE tabela_que_nao_existe ADD COLUMN x INT;\n',
    );
    const master = await startTestMaster({ env: { INFRA_DIR: infra } });
    try {
      const response = await master.http.post('/tenants').set(master.auth).send(newTenant('garage_quebrada'));
      expect(response.status).toBe(500);
      expect(response.body.error.details).toEqual({ etapa: 'schema' });
      await expectNothingLeftFor(master, 'garage_quebrada');
    } finally {
      await master.close();
    }
  });
});

describe('an onboarding interrupted by a crash', () => {
  it('is rolled back when the master starts again', async () => {
    const prefix = uniquePrefix();
    const first = await startTestMaster({ prefix });
    const database = tenantDatabaseName(prefix, 'carros', 'garage_crash');
    const user = tenantUserName(prefix, database);
    // What a process killed between "banco" and "ativacao" leaves behind.
    await first.sql(
      `INSERT INTO tenants (tenant_key, nome, robo_tipo, database_name, db_host, db_port, db_user, status, criado_em)
       VALUES ('garage_crash', 'Crash', 'carros', ?, '127.0.0.1', 3306, ?, 'provisioning', NOW() - INTERVAL 1 HOUR)`,
      [database, user],
    );
    const root = await connectOnce(testMysqlUrl());
    await root.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    await root.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'x-pass-123'`);
    await root.query(`CREATE ROLE ${quoteIdentifier(tenantRoleName(user))}`);
    await root.end();
    await first.close(true);

    const second = await startTestMaster({ prefix });
    try {
      expect(await second.sql<unknown[]>('SELECT id FROM tenants WHERE tenant_key = ?', ['garage_crash'])).toHaveLength(0);
      expect(await databaseExists(database)).toBe(false);
      expect(await usersLike(user)).toEqual([]);
      expect(await roleExists(tenantRoleName(user))).toBe(false);
      await second.http.post('/tenants').set(second.auth).send(newTenant('garage_crash')).expect(201);
    } finally {
      await second.close();
      await dropScope(prefix);
    }
  });
});
