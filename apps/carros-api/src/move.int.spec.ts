import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMysqlUrl, startPrivateServer, type PrivateServer } from '@helix/db';
import { tenantDatabaseName, tenantRoleName, tenantUserName } from '@helix/provisioning';
import {
  createUnthrottledPlan,
  masterSql,
  onboardActiveTenant,
  tenantSql,
  useRobotPlatform,
  type OnboardedTenant,
} from '@helix/robot-core/testing';
import { moveTenant, TenantOpsErrorCode, type MoveStep, type OpsContext } from '@helix/tenant-ops';
import { opsContextFor } from '@helix/tenant-ops/testing';
import { databaseExists, testMysqlUrl, usersLike } from '@helix/testing';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import request from 'supertest';
import { carrosRobot } from './carros.definition';

// A long cache: only the move's own notice can make the robot see the switch this fast.
const platform = useRobotPlatform(carrosRobot, { env: { TENANT_CACHE_TTL_MS: '600000' } });
let second: PrivateServer;
let secondDir: string;
let ops: OpsContext;
let moving: OnboardedTenant;
let staying: OnboardedTenant;

const as = (t: OnboardedTenant) => ({ 'X-Tenant-Key': t.key, Authorization: `Bearer ${t.apiKey}` });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const secondServer = () => parseMysqlUrl(second.url);

async function onSecond<T extends RowDataPacket[]>(sql: string, params: unknown[] = []): Promise<T> {
  const connection = await mysql.createConnection(second.url);
  try {
    return (await connection.query<T>(sql, params))[0];
  } finally {
    await connection.end();
  }
}

/** Writes (new customers, chats) and reads for `tenant` until stopped; every answer kept. */
function keepWriting(tenant: OnboardedTenant, phonePrefix: string) {
  const { robot } = platform();
  const answers: {
    kind: 'cliente' | 'chat' | 'leitura';
    status: number;
    code?: string;
    retryAfter?: string;
    telefone?: string;
    tokens?: number;
  }[] = [];
  let running = true;
  let n = 0;
  const worker = async (kind: 'cliente' | 'chat' | 'leitura') => {
    while (running) {
      const telefone = `${phonePrefix}${String(n++).padStart(6, '0')}`;
      const response =
        kind === 'cliente'
          ? await request(robot.url)
              .post('/clientes')
              .set(as(tenant))
              .send({ telefone, nome: `Cliente ${telefone}` })
          : kind === 'chat'
            ? await request(robot.url).post('/chat').set(as(tenant)).send({ telefone, mensagem: 'Tem Corolla?' })
            : await request(robot.url).get('/veiculos').set('X-Tenant-Key', tenant.key);
      answers.push({
        kind,
        status: response.status,
        code: response.body?.error?.code,
        retryAfter: response.headers['retry-after'],
        telefone,
        tokens: response.body?.tokens,
      });
      await sleep(5);
    }
  };
  const workers = [worker('cliente'), worker('cliente'), worker('chat'), worker('leitura')];
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(workers);
      return answers;
    },
  };
}

beforeAll(async () => {
  const { master, robot } = platform();
  secondDir = await mkdtemp(path.join(os.tmpdir(), 'helix-second-mysql-'));
  second = await startPrivateServer(path.join(secondDir, 'server'));
  // The load loops below write as fast as they can: the plan's request rates are not what is tested here.
  const planoId = await createUnthrottledPlan(master);
  moving = await onboardActiveTenant(master, 'garage_moving', 'carros', { planoId });
  staying = await onboardActiveTenant(master, 'garage_staying', 'carros', { planoId });
  await tenantSql(master, 'carros', moving.key, "INSERT INTO cars (brand, model, year, price) VALUES ('Toyota', 'Corolla', 2022, 118900)");
  ops = await opsContextFor(master, `carros-api=${robot.url}`);
}, 120_000);

afterAll(async () => {
  await ops?.close();
  await second?.stop();
  if (secondDir) await rm(secondDir, { recursive: true, force: true });
});

describe('helix move', () => {
  it('moves a tenant to another server while requests run: no write lost, 503 + Retry-After only during the freeze, the other tenant untouched', async () => {
    const { master, robot } = platform();
    const movingLoad = keepWriting(moving, '1197');
    const stayingLoad = keepWriting(staying, '1198');
    await sleep(300);
    const steps: MoveStep[] = [];
    const report = await moveTenant(ops, moving.key, {
      to: secondServer(),
      onStep: (step) => steps.push(step),
      // Time for writes to land after the first copy (to be re-copied) and to meet the freeze.
      faults: (step) => (step === 'copia' || step === 'congelamento' ? sleep(400) : undefined),
    });
    await sleep(200);
    const movingAnswers = await movingLoad.stop();
    const stayingAnswers = await stayingLoad.stop();

    expect(steps).toEqual(['preparo', 'copia', 'congelamento', 'sincronizacao', 'principal', 'troca', 'aviso', 'limpeza']);
    expect(report).toMatchObject({
      tenant_key: moving.key,
      para: `127.0.0.1:${secondServer().port}`,
      copia_antiga_removida: true,
      avisos: [],
    });
    expect(report.recopiadas).toContain('customers');

    // During the freeze writes were refused with Retry-After; nothing else went wrong; reads never stopped.
    const refused = movingAnswers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((a) => a.code !== 'TENANT_WRITES_FROZEN' || a.retryAfter !== '5' || a.kind === 'leitura')).toEqual([]);
    expect(movingAnswers.filter((a) => a.status !== 503 && a.status !== 200 && a.status !== 201)).toEqual([]);
    expect(movingAnswers.filter((a) => a.kind === 'leitura').every((a) => a.status === 200)).toBe(true);
    expect(stayingAnswers.every((a) => a.status === 200 || a.status === 201)).toBe(true);

    // Every acknowledged write is on the new server; the old copy and its principal are gone.
    const database = tenantDatabaseName(master.prefix, 'carros', moving.key);
    const acknowledged = movingAnswers.filter((a) => a.status === 201 || (a.kind === 'chat' && a.status === 200)).map((a) => a.telefone);
    const onNew = (await onSecond<RowDataPacket[]>(`SELECT phone FROM \`${database}\`.customers`)).map((row) => row.phone);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(new Set(onNew)).toEqual(new Set(acknowledged));
    expect(await databaseExists(database)).toBe(false);
    expect(await usersLike(tenantUserName(master.prefix, database))).toEqual([]);
    // Its role moved too: gone from the old server, held by the carros gateway on the new one.
    const role = tenantRoleName(tenantUserName(master.prefix, database));
    expect(await masterSql(master, 'SELECT 1 FROM mysql.user WHERE user = ?', [role])).toEqual([]);
    expect(
      await onSecond('SELECT 1 FROM mysql.roles_mapping WHERE User = ? AND Role = ?', [`${master.prefix}gw_carros`, role]),
    ).toHaveLength(1);
    const [registry] = await masterSql<
      { db_port: number; movendo_para: string | null; copia_antiga: string | null; escrita_congelada_ate: Date | null }[]
    >(master, 'SELECT db_port, movendo_para, copia_antiga, escrita_congelada_ate FROM tenants WHERE tenant_key = ?', [moving.key]);
    expect(registry).toEqual({ db_port: secondServer().port, movendo_para: null, copia_antiga: null, escrita_congelada_ate: null });

    // Served from the new server at once, despite a ten-minute cache; usage of every chat counted once.
    const after = await request(robot.url).post('/clientes').set(as(moving)).send({ telefone: '11955550000' });
    expect(after.status).toBe(201);
    expect(await onSecond(`SELECT 1 FROM \`${database}\`.customers WHERE phone = '11955550000'`)).toHaveLength(1);
    await robot.runtime.shipper.flush();
    const chats = movingAnswers.filter((a) => a.kind === 'chat' && a.status === 200);
    const [usage] = await masterSql<{ mensagens: number; tokens: number }[]>(
      master,
      'SELECT u.mensagens_usadas AS mensagens, u.tokens_usados AS tokens FROM uso_tokens u JOIN tenants t ON t.id = u.tenant_id WHERE t.tenant_key = ?',
      [moving.key],
    );
    expect({ mensagens: Number(usage.mensagens), tokens: Number(usage.tokens) }).toEqual({
      mensagens: chats.length,
      tokens: chats.reduce((sum, a) => sum + a.tokens!, 0),
    });
  }, 120_000);

  it('a failure in the middle leaves the tenant served from its old server, writable again, with nothing left on the target', async () => {
    const { master, robot } = platform();
    const database = tenantDatabaseName(master.prefix, 'carros', staying.key);
    const before = await tenantSql<{ n: number }[]>(master, 'carros', staying.key, 'SELECT COUNT(*) AS n FROM customers');
    await expect(
      moveTenant(ops, staying.key, {
        to: secondServer(),
        faults: (step) => {
          if (step === 'sincronizacao') throw new Error('disco cheio no destino');
        },
      }),
    ).rejects.toMatchObject({
      code: TenantOpsErrorCode.MOVE_FAILED,
      details: { etapa: 'sincronizacao' },
      message: expect.stringMatching(/continua no servidor/),
    });

    expect(await onSecond(`SELECT 1 FROM information_schema.schemata WHERE schema_name = ?`, [database])).toEqual([]);
    const user = tenantUserName(master.prefix, database);
    expect(await onSecond('SELECT 1 FROM mysql.user WHERE user IN (?, ?)', [user, tenantRoleName(user)])).toEqual([]);
    const [registry] = await masterSql<{ db_port: number; movendo_para: string | null; escrita_congelada_ate: Date | null }[]>(
      master,
      'SELECT db_port, movendo_para, escrita_congelada_ate FROM tenants WHERE tenant_key = ?',
      [staying.key],
    );
    expect(registry).toEqual({ db_port: parseMysqlUrl(testMysqlUrl()).port, movendo_para: null, escrita_congelada_ate: null });
    const write = await request(robot.url).post('/clientes').set(as(staying)).send({ telefone: '11944440000' });
    expect(write.status).toBe(201);
    const afterRows = await tenantSql<{ n: number }[]>(master, 'carros', staying.key, 'SELECT COUNT(*) AS n FROM customers');
    expect(Number(afterRows[0].n)).toBe(Number(before[0].n) + 1);
  }, 60_000);

  it('refuses to start when a robot instance does not answer, and when the tenant is already there', async () => {
    const { master, robot } = platform();
    const unreachable = await opsContextFor(master, `carros-api=${robot.url},carros-api=http://127.0.0.1:9`, 1);
    try {
      await expect(moveTenant(unreachable, staying.key, { to: secondServer() })).rejects.toMatchObject({
        code: TenantOpsErrorCode.ROBOT_UNREACHABLE,
      });
    } finally {
      await unreachable.close();
    }
    expect(await databaseExists(tenantDatabaseName(master.prefix, 'carros', staying.key))).toBe(true);
    await expect(moveTenant(ops, moving.key, { to: secondServer() })).rejects.toMatchObject({ code: TenantOpsErrorCode.SAME_SERVER });
  }, 60_000);
});
