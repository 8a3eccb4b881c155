import { connectOnce, latestVersions, migrationRef, quoteIdentifier } from '@helix/db';
import { tenantDatabaseName, tenantUserName } from '@helix/provisioning';
import { countRowsAsCatalogueReader, countRowsThroughGateway, databaseExists, testMysqlUrl, usersLike } from '@helix/testing';
import { importLegacy } from './legacy-import';
import { tableChecksums } from './table-checksums';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, addTemplateMigration, createTestOps, tempInfra } from './testing/ops-fixtures';
import { SEED_LAYOUT } from './testing/seed-layout';

const SEED_TABLES = ['agendamentos', 'car_images', 'cars', 'conversations', 'customers', 'mensagens', 'vendedores'];

describe('helix import-legacy', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let root: Awaited<ReturnType<typeof connectOnce>>;
  let infra: string;
  const legacy = (name: string) => `${ops.prefix}${name}`;

  async function createLegacy(name: string, extraSql = ''): Promise<string> {
    const database = legacy(name);
    await root.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    await root.query(`USE ${quoteIdentifier(database)}; ${SEED_LAYOUT} ${extraSql}`);
    return database;
  }
  const seedChecksums = async (database: string) => {
    const all = await tableChecksums(root, database);
    return Object.fromEntries(SEED_TABLES.map((t) => [t, all[t]]));
  };

  /** `table`'s rows in `database`, reading only the columns the legacy database `shape` has. */
  async function legacyColumns(database: string, shape: string, table: string) {
    const [columns] = await root.query<any[]>(
      'SELECT COLUMN_NAME AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ORDINAL_POSITION',
      [shape, table],
    );
    const [rows] = await root.query(
      `SELECT ${columns.map((c) => quoteIdentifier(c.c)).join(', ')} FROM ${quoteIdentifier(database)}.${quoteIdentifier(table)} ORDER BY id`,
    );
    return rows;
  }

  beforeAll(async () => {
    infra = await tempInfra();
    ops = await createTestOps(infra);
    root = await connectOnce(testMysqlUrl(), undefined, true);
  });
  afterAll(async () => {
    await root.end();
    await ops.close();
  });

  it('adopts a seed database: same data, template completed, latest version, own principal and role, registered active', async () => {
    const source = await createLegacy('empresa_5_db');
    const before = await seedChecksums(source);
    const imported = await importLegacy(ops.ctx, { database: source, tenantKey: 'garage_alpha', robo: 'carros', nome: 'Feirão ShowCar' });

    const database = tenantDatabaseName(ops.prefix, 'carros', 'garage_alpha');
    const template = ops.ctx.templates.carros.migrations;
    expect(imported).toMatchObject({
      tenant_key: 'garage_alpha',
      database_name: database,
      schema_version: latestVersions(template),
      created_tables: ['_usage_outbox'],
      extras: ['vendedores'],
    });
    // Later template migrations may add columns: the legacy columns must hold the same values.
    for (const table of SEED_TABLES)
      expect(await legacyColumns(database, source, table)).toEqual(await legacyColumns(source, source, table));
    expect(await seedChecksums(source)).toEqual(before);
    const [versions] = await root.query<any[]>(
      `SELECT series, version FROM ${quoteIdentifier(database)}._schema_migrations ORDER BY series = 'base' DESC, version`,
    );
    expect(versions).toEqual(template.map(migrationRef));
    expect(await usersLike(tenantUserName(ops.prefix, database))).toHaveLength(1);
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_alpha'), 'cars')).toBe(2);
    expect(await countRowsAsCatalogueReader(await accessOf(ops.ctx, 'garage_alpha'), 'cars')).toBe(2);
    expect(await ops.ctx.registry.find('garage_alpha')).toMatchObject({
      status: 'active',
      nome: 'Feirão ShowCar',
      database_name: database,
    });
  });

  it('refuses a database that does not follow the layout, naming what differs, and creates nothing', async () => {
    const source = await createLegacy('empresa_6_db', 'ALTER TABLE cars DROP COLUMN mileage; ALTER TABLE customers MODIFY cpf INT;');
    await expect(importLegacy(ops.ctx, { database: source, tenantKey: 'garage_beta', robo: 'carros' })).rejects.toMatchObject({
      code: TenantOpsErrorCode.LEGACY_SCHEMA_MISMATCH,
      details: { problemas: ['coluna cars.mileage ausente', 'coluna customers.cpf é int(11), o modelo espera varchar(14)'] },
    });
    expect(await ops.ctx.registry.find('garage_beta')).toBeUndefined();
    await expect(importLegacy(ops.ctx, { database: legacy('nao_existe'), tenantKey: 'garage_beta', robo: 'carros' })).rejects.toMatchObject(
      { code: TenantOpsErrorCode.DATABASE_NOT_FOUND },
    );
  });

  it('a failure midway (a template migration that breaks on this data) undoes everything and leaves the legacy database as it was', async () => {
    const source = await createLegacy('empresa_7_db');
    const before = await seedChecksums(source);
    // Passes on an empty template database, fails on this legacy data: a unique index over duplicated values.
    await root.query(`INSERT INTO ${quoteIdentifier(source)}.cars (brand, model) VALUES ('Fiat', 'Uno')`);
    await addTemplateMigration(infra, 'carros', 'unique_model', 'ALTER TABLE cars ADD UNIQUE INDEX uq_brand_model (brand, model);');
    await ops.reopen();
    const usersBefore = await usersLike(ops.prefix);

    await expect(importLegacy(ops.ctx, { database: source, tenantKey: 'garage_gamma', robo: 'carros' })).rejects.toMatchObject({
      code: TenantOpsErrorCode.STEP_FAILED,
      details: { etapa: 'schema' },
    });
    expect(await databaseExists(tenantDatabaseName(ops.prefix, 'carros', 'garage_gamma'))).toBe(false);
    expect(await usersLike(ops.prefix)).toEqual(usersBefore);
    expect(await ops.ctx.registry.find('garage_gamma')).toBeUndefined();
    const after = await seedChecksums(source);
    expect({ ...after, cars: undefined }).toEqual({ ...before, cars: undefined });
    expect(after.cars.rows).toBe(before.cars.rows + 1);
  });
});
