import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { quoteIdentifier, type RowDataPacket } from '@helix/db';
import { countRowsAsCatalogueReader as countAsReader, queryAsCatalogueReader, rootSql, type CatalogueReaderAccess } from '@helix/testing';
import { migrateTenants } from './migrate-tenants';
import { offboardTenant } from './offboarding';
import { accessOf, createTestOps } from './testing/ops-fixtures';

/** What the vertical's storefront reader may do on a tenant's database, tried through the gateway's own login. */
const asReader = (access: CatalogueReaderAccess, sql: (db: string) => string) =>
  queryAsCatalogueReader(access, sql(quoteIdentifier(access.database)));
const DENIED = { code: expect.stringMatching(/^ER_(TABLEACCESS|DBACCESS)_DENIED_ERROR$/) };

describe("the vertical's storefront reader through a tenant's life", () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  const leitorVitrine = async (key: string) =>
    (
      await rootSql<RowDataPacket[]>(`SELECT leitor_vitrine FROM ${quoteIdentifier(ops.env.MASTER_DB)}.tenants WHERE tenant_key = ?`, [key])
    )[0].leitor_vitrine;
  /** The reader's table grants on a database, as MySQL keeps them (they outlive the database itself). */
  const readerGrants = async (access: CatalogueReaderAccess) =>
    (
      await rootSql<RowDataPacket[]>('SELECT Table_name AS t FROM mysql.tables_priv WHERE User = ? AND Db = ? ORDER BY 1', [
        access.catalogueReader.role,
        access.database,
      ])
    ).map((r) => r.t);

  beforeAll(async () => {
    ops = await createTestOps();
    for (const key of ['vitrine_a', 'vitrine_b', 'vitrine_sai']) await ops.addTenant(key);
    await ops.addTenant('vitrine_imob', 'imoveis');
    const carros = await accessOf(ops.ctx, 'vitrine_a');
    await rootSql(`INSERT INTO ${quoteIdentifier(carros.database)}.cars (brand, model) VALUES ('Fiat', 'Uno'), ('VW', 'Gol')`);
    await rootSql(`INSERT INTO ${quoteIdentifier(carros.database)}.car_images (car_id, url) VALUES (1, 'https://cdn.example.com/uno.jpg')`);
  }, 60_000);
  afterAll(() => ops.close());

  it('is granted by onboarding SELECT on the catalogue and its photos, and nothing else of the tenant', async () => {
    const carros = await accessOf(ops.ctx, 'vitrine_a');
    const imoveis = await accessOf(ops.ctx, 'vitrine_imob');
    expect(carros.catalogueReader.role).toBe(`${ops.prefix}rd_carros`);
    expect(imoveis.catalogueReader.role).toBe(`${ops.prefix}rd_imoveis`);
    expect([await countAsReader(carros, 'cars'), await countAsReader(carros, 'car_images')]).toEqual([2, 1]);
    expect([await countAsReader(imoveis, 'imoveis'), await countAsReader(imoveis, 'imagens')]).toEqual([0, 0]);
    expect(await readerGrants(carros)).toEqual(['car_images', 'cars']);
    expect(await leitorVitrine('vitrine_a')).toBe(1);

    for (const table of [
      'customers',
      'conversations',
      'mensagens',
      'agendamentos',
      '_usage_outbox',
      '_schema_migrations',
      '_migration_lease',
    ]) {
      await expect(countAsReader(carros, table)).rejects.toMatchObject(DENIED);
    }
    for (const table of ['customers', 'conversations', 'mensagens', 'visitas'])
      await expect(countAsReader(imoveis, table)).rejects.toMatchObject(DENIED);
    for (const write of [
      (db: string) => `INSERT INTO ${db}.cars (brand, model) VALUES ('X', 'Y')`,
      (db: string) => `UPDATE ${db}.cars SET price = 1`,
      (db: string) => `DELETE FROM ${db}.car_images`,
      (db: string) => `CREATE TABLE ${db}.extra (id INT)`,
    ]) {
      await expect(asReader(carros, write)).rejects.toMatchObject(DENIED);
    }
    // One reader per vertical: the car dealers' reader sees no real-estate catalogue.
    await expect(countAsReader({ ...carros, database: imoveis.database }, 'imoveis')).rejects.toMatchObject(DENIED);
    expect(await rootSql(`SELECT COUNT(*) AS n FROM ${quoteIdentifier(carros.database)}.cars`)).toEqual([{ n: 2 }]);
  });

  it('gets its grants back from helix migrate for a tenant that lacks them, which is then marked for the master to hand the reader out', async () => {
    const b = await accessOf(ops.ctx, 'vitrine_b');
    // What a tenant onboarded before the reader looks like.
    for (const table of b.catalogueReader.tables)
      await rootSql(
        `REVOKE SELECT ON ${quoteIdentifier(b.database)}.${quoteIdentifier(table)} FROM ${quoteIdentifier(b.catalogueReader.role)}`,
      );
    await rootSql(`UPDATE ${quoteIdentifier(ops.env.MASTER_DB)}.tenants SET leitor_vitrine = 0 WHERE tenant_key = 'vitrine_b'`);
    await expect(countAsReader(b, 'cars')).rejects.toMatchObject(DENIED);

    expect(await migrateTenants(ops.ctx, { concurrency: 2, dryRun: true })).toMatchObject({ failed: [] });
    expect([await readerGrants(b), await leitorVitrine('vitrine_b')]).toEqual([[], 0]);

    for (let run = 1; run <= 2; run++) {
      expect(await migrateTenants(ops.ctx, { concurrency: 2 })).toMatchObject({ total: 4, failed: [] });
      expect(await countAsReader(b, 'cars')).toBe(0);
      expect([await readerGrants(b), await leitorVitrine('vitrine_b')]).toEqual([['car_images', 'cars'], 1]);
      await expect(countAsReader(b, 'customers')).rejects.toMatchObject(DENIED);
    }
  });

  it("loses its grants on an offboarded tenant's tables, and keeps reading the others", async () => {
    const leaving = await accessOf(ops.ctx, 'vitrine_sai');
    expect(await readerGrants(leaving)).toEqual(['car_images', 'cars']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-reader-offboard-'));
    await offboardTenant(ops.ctx, 'vitrine_sai', path.join(dir, 'vitrine_sai.sql'));
    expect(await readerGrants(leaving)).toEqual([]);
    expect(await countAsReader(await accessOf(ops.ctx, 'vitrine_a'), 'cars')).toBe(2);
  });
});
