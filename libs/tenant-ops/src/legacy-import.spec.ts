import { connectOnce, quoteIdentifier } from '@helix/db';
import { tenantDatabaseName, tenantUserName } from '@helix/provisioning';
import { countRowsAsCatalogueReader, countRowsThroughGateway, databaseExists, testMysqlUrl, usersLike } from '@helix/testing';
import { importLegacy } from './legacy-import';
import { tableChecksums } from './table-checksums';
import { TenantOpsErrorCode } from './tenant-ops.error';
import { accessOf, addTemplateMigration, createTestOps, tempInfra } from './testing/ops-fixtures';

/** The seed's empresa_X_db template, verbatim (CREATE TABLE IF NOT EXISTS, server-default charset). */
const SEED_LAYOUT = `
CREATE TABLE IF NOT EXISTS cars (id INT PRIMARY KEY AUTO_INCREMENT, brand VARCHAR(100), model VARCHAR(255), year INT, year_model INT,
  price DECIMAL(12,2), mileage INT, color VARCHAR(50), fuel_type VARCHAR(50), transmission VARCHAR(50), description TEXT,
  status ENUM('available', 'reserved', 'sold') DEFAULT 'available', created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, INDEX idx_status (status), INDEX idx_brand_model (brand, model));
CREATE TABLE IF NOT EXISTS car_images (id INT PRIMARY KEY AUTO_INCREMENT, car_id INT NOT NULL, url VARCHAR(500), ordem INT DEFAULT 0,
  is_principal BOOLEAN DEFAULT 0, FOREIGN KEY (car_id) REFERENCES cars(id) ON DELETE CASCADE, INDEX idx_car (car_id));
CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY AUTO_INCREMENT, phone VARCHAR(20) UNIQUE NOT NULL, name VARCHAR(255), email VARCHAR(255),
  cpf VARCHAR(14), notes TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_phone (phone));
CREATE TABLE IF NOT EXISTS conversations (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,
  status ENUM('novo', 'em_andamento', 'negociando', 'fechado', 'perdido') DEFAULT 'novo', last_message TEXT, last_interaction TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY (customer_id) REFERENCES customers(id), INDEX idx_customer (customer_id), INDEX idx_status (status));
CREATE TABLE IF NOT EXISTS mensagens (id INT PRIMARY KEY AUTO_INCREMENT, conversation_id INT NOT NULL, customer_id INT NOT NULL,
  tipo ENUM('recebida', 'enviada') NOT NULL, conteudo TEXT, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (conversation_id) REFERENCES conversations(id), FOREIGN KEY (customer_id) REFERENCES customers(id),
  INDEX idx_conversation (conversation_id), INDEX idx_timestamp (timestamp));
CREATE TABLE IF NOT EXISTS agendamentos (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, car_id INT,
  tipo ENUM('test_drive', 'visita', 'entrega') NOT NULL, data_agendada DATETIME NOT NULL,
  status ENUM('pendente', 'confirmado', 'realizado', 'cancelado') DEFAULT 'pendente', observacoes TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (customer_id) REFERENCES customers(id), FOREIGN KEY (car_id) REFERENCES cars(id), INDEX idx_data (data_agendada), INDEX idx_status (status));
CREATE TABLE vendedores (id INT PRIMARY KEY AUTO_INCREMENT, nome VARCHAR(100));
INSERT INTO cars (brand, model, year, price) VALUES ('Fiat', 'Uno', 2010, 15999.90), ('VW', 'Gol', 2015, 32000.00);
INSERT INTO customers (phone, name) VALUES ('5511988887777', 'João');
INSERT INTO conversations (customer_id, status) VALUES (1, 'negociando');
INSERT INTO mensagens (conversation_id, customer_id, tipo, conteudo) VALUES (1, 1, 'recebida', 'Tem o Gol ainda?');
INSERT INTO agendamentos (customer_id, car_id, tipo, data_agendada) VALUES (1, 2, 'test_drive', '2025-10-01 10:00:00');
INSERT INTO vendedores (nome) VALUES ('Carla');
`;

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
    const [columns] = await root.query<any[]>('SELECT COLUMN_NAME AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ORDINAL_POSITION', [shape, table]);
    const [rows] = await root.query(`SELECT ${columns.map((c) => quoteIdentifier(c.c)).join(', ')} FROM ${quoteIdentifier(database)}.${quoteIdentifier(table)} ORDER BY id`);
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
    const latest = ops.ctx.templates.carros.length;
    expect(imported).toMatchObject({ tenant_key: 'garage_alpha', database_name: database, schema_version: latest, created_tables: ['_usage_outbox'], extras: ['vendedores'] });
    // Later template migrations may add columns: the legacy columns must hold the same values.
    for (const table of SEED_TABLES) expect(await legacyColumns(database, source, table)).toEqual(await legacyColumns(source, source, table));
    expect(await seedChecksums(source)).toEqual(before);
    const [versions] = await root.query<any[]>(`SELECT version FROM ${quoteIdentifier(database)}._schema_migrations ORDER BY version`);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    expect(await usersLike(tenantUserName(ops.prefix, database))).toHaveLength(1);
    expect(await countRowsThroughGateway(await accessOf(ops.ctx, 'garage_alpha'), 'cars')).toBe(2);
    expect(await countRowsAsCatalogueReader(await accessOf(ops.ctx, 'garage_alpha'), 'cars')).toBe(2);
    expect(await ops.ctx.registry.find('garage_alpha')).toMatchObject({ status: 'active', nome: 'Feirão ShowCar', database_name: database });
  });

  it('refuses a database that does not follow the layout, naming what differs, and creates nothing', async () => {
    const source = await createLegacy('empresa_6_db', 'ALTER TABLE cars DROP COLUMN mileage; ALTER TABLE customers MODIFY cpf INT;');
    await expect(importLegacy(ops.ctx, { database: source, tenantKey: 'garage_beta', robo: 'carros' })).rejects.toMatchObject({
      code: TenantOpsErrorCode.LEGACY_SCHEMA_MISMATCH,
      details: { problemas: ['coluna cars.mileage ausente', 'coluna customers.cpf é int(11), o modelo espera varchar(14)'] },
    });
    expect(await ops.ctx.registry.find('garage_beta')).toBeUndefined();
    await expect(importLegacy(ops.ctx, { database: legacy('nao_existe'), tenantKey: 'garage_beta', robo: 'carros' })).rejects.toMatchObject({ code: TenantOpsErrorCode.DATABASE_NOT_FOUND });
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
