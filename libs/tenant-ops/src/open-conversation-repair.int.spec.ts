import type { RobotVertical } from '@helix/contracts';
import { readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { rootSql } from '@helix/testing';
import { BASE_SERIES } from '@helix/provisioning';
import { migrateTenants } from './migrate-tenants';
import { createTestOps, tempInfra } from './testing/ops-fixtures';

const REPAIR = '0003_quota_and_one_open_conversation.sql';
const VERTICALS: RobotVertical[] = ['carros', 'imoveis'];

/**
 * Tenants live at base version 2 hold what concurrent first messages used to leave: several open
 * conversations of one customer. `helix migrate` to base version 3 must merge them before its unique key.
 */
describe('base template 0003 on live tenants: one open conversation per customer', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  const databases = new Map<RobotVertical, string>();
  const sql = <T = any[]>(robo: RobotVertical, statement: string, params: unknown[] = []) =>
    rootSql<T>(statement, params, databases.get(robo));

  beforeAll(async () => {
    const infra = await tempInfra();
    // 0003 and every later base migration wait, so that the tenants are made at base version 2.
    const baseDir = path.join(infra, 'tenant', BASE_SERIES);
    const parked = (await readdir(baseDir)).filter((file) => file >= REPAIR);
    const park = (from: (file: string) => string, to: (file: string) => string) =>
      Promise.all(parked.map((file) => rename(path.join(baseDir, from(file)), path.join(baseDir, to(file)))));
    await park(
      (file) => file,
      (file) => `${file}.later`,
    );
    ops = await createTestOps(infra);
    for (const robo of VERTICALS) {
      databases.set(robo, (await ops.addTenant(`dup_${robo}`, robo)).database);
      await sql(robo, "INSERT INTO customers (id, phone) VALUES (1, '11911110001'), (2, '11911110002'), (3, '11911110003')");
      await sql(
        robo,
        `INSERT INTO conversations (id, customer_id, status, last_message, last_interaction, created_at) VALUES
           (1, 1, 'fechado', 'Comprou.', '2026-01-05 10:00:00', '2026-01-01 09:00:00'),
           (2, 1, 'em_andamento', 'Olá 1', '2026-02-01 10:00:02', '2026-02-01 10:00:00'),
           (3, 1, 'negociando', 'Olá 2', '2026-02-01 10:00:05', '2026-02-01 10:00:01'),
           (4, 1, 'em_andamento', 'Olá 3', '2026-02-01 10:00:03', '2026-02-01 10:00:01'),
           (5, 2, 'novo', NULL, NULL, '2026-02-02 08:00:00'),
           (6, 3, 'em_andamento', 'Só uma', '2026-02-03 08:00:00', '2026-02-03 08:00:00')`,
      );
      await sql(
        robo,
        `INSERT INTO mensagens (conversation_id, customer_id, tipo, conteudo) VALUES
           (1, 1, 'recebida', 'antiga'), (2, 1, 'recebida', 'a'), (2, 1, 'enviada', 'b'), (3, 1, 'recebida', 'c'),
           (3, 1, 'enviada', 'd'), (4, 1, 'recebida', 'e'), (4, 1, 'enviada', 'f'), (6, 3, 'recebida', 'g')`,
      );
    }
    await park(
      (file) => `${file}.later`,
      (file) => file,
    );
    await ops.reopen();
  }, 120_000);
  afterAll(() => ops?.close());

  it('merges each customer’s open conversations into the newest, keeping every message, the first start, the last exchange and the furthest status', async () => {
    const report = await migrateTenants(ops.ctx, { concurrency: 2 });
    expect(report).toMatchObject({ total: 2, migrated: 2, failed: [] });

    for (const robo of VERTICALS) {
      expect(
        await sql(robo, 'SELECT id, customer_id, status, last_message, last_interaction, created_at FROM conversations ORDER BY id'),
      ).toEqual([
        {
          id: 1,
          customer_id: 1,
          status: 'fechado',
          last_message: 'Comprou.',
          last_interaction: new Date('2026-01-05T10:00:00Z'),
          created_at: new Date('2026-01-01T09:00:00Z'),
        },
        {
          id: 4,
          customer_id: 1,
          status: 'negociando',
          last_message: 'Olá 2',
          last_interaction: new Date('2026-02-01T10:00:05Z'),
          created_at: new Date('2026-02-01T10:00:00Z'),
        },
        { id: 5, customer_id: 2, status: 'novo', last_message: null, last_interaction: null, created_at: new Date('2026-02-02T08:00:00Z') },
        {
          id: 6,
          customer_id: 3,
          status: 'em_andamento',
          last_message: 'Só uma',
          last_interaction: new Date('2026-02-03T08:00:00Z'),
          created_at: new Date('2026-02-03T08:00:00Z'),
        },
      ]);
      expect(await sql(robo, 'SELECT conversation_id, conteudo FROM mensagens ORDER BY id')).toEqual([
        { conversation_id: 1, conteudo: 'antiga' },
        ...['a', 'b', 'c', 'd', 'e', 'f'].map((conteudo) => ({ conversation_id: 4, conteudo })),
        { conversation_id: 6, conteudo: 'g' },
      ]);
    }
  });

  it('then holds one open conversation per customer with a unique key, closed ones aside', async () => {
    for (const robo of VERTICALS) {
      await expect(sql(robo, 'INSERT INTO conversations (customer_id) VALUES (1)')).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
      await sql(robo, "INSERT INTO conversations (customer_id, status) VALUES (1, 'perdido'), (1, 'fechado')");
      await sql(robo, "UPDATE conversations SET status = 'fechado' WHERE id = 4");
      await sql(robo, 'INSERT INTO conversations (customer_id) VALUES (1)');
      expect(
        await sql(robo, "SELECT COUNT(*) AS n FROM conversations WHERE customer_id = 1 AND status NOT IN ('fechado', 'perdido')"),
      ).toEqual([{ n: 1 }]);
    }
  });
});
