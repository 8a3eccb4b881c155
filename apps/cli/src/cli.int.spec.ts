import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { connectOnce, parseMysqlUrl, quoteIdentifier } from '@helix/db';
import { countRowsThroughGateway, databaseExists, spawnMaster, testMysqlUrl, type SpawnedMaster } from '@helix/testing';
import { runCli } from './program';

const ROOT = path.resolve(__dirname, '../../..');

describe('the helix CLI', () => {
  let master: SpawnedMaster;
  let env: NodeJS.ProcessEnv;
  let dir: string;

  /** The real program, in-process, with its own stdout/stderr. */
  async function helix(args: string[], stdinIsTTY = false) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await runCli(args, { env, stdout, stderr, stdinIsTTY });
    return { code, stderr: err, json: () => JSON.parse(out), stdout: out };
  }

  beforeAll(async () => {
    master = await spawnMaster();
    env = { NODE_ENV: 'test', MYSQL_URL: testMysqlUrl(), MASTER_DB: master.masterDb, TENANT_DB_PREFIX: master.prefix };
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-cli-'));
    for (const tenant_key of ['garage_one', 'garage_two']) {
      expect((await master.admin('POST', '/tenants', { tenant_key, nome: tenant_key, robo_tipo: 'carros' })).status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await master.close();
  });

  it('migrate status --json: every tenant onboarded by the master is at the latest version', async () => {
    const run = await helix(['migrate', 'status', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ total: 2, up_to_date: 2, behind: [], failed: [] });
  });

  it('backup then restore --as through the CLI; restoring over a live tenant exits 1 with TENANT_KEY_TAKEN', async () => {
    const file = path.join(dir, 'one.sql');
    const backup = await helix(['--json', 'backup', 'garage_one', '--out', file]);
    expect(backup.code).toBe(0);
    expect(backup.json()).toMatchObject({ file, tenant_key: 'garage_one', robo_tipo: 'carros' });

    const restored = await helix(['restore', 'garage_one', '--from', file, '--as', 'garage_copy', '--json']);
    expect(restored.code).toBe(0);
    expect(restored.json()).toMatchObject({ tenant_key: 'garage_copy', api_key: expect.any(String) });

    const refused = await helix(['restore', 'garage_one', '--from', file, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json().error.code).toBe('TENANT_KEY_TAKEN');
  });

  it('tenants delete refuses without --yes (at a terminal or not), then removes and lists the tenant as deleted', async () => {
    const interactive = await helix(['tenants', 'delete', 'garage_copy'], true);
    expect(interactive).toMatchObject({ code: 2, stderr: expect.stringMatching(/--yes para confirmar/) });
    const scripted = await helix(['tenants', 'delete', 'garage_copy', '--json']);
    expect(scripted.code).toBe(2);
    expect(scripted.json().error).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      message: expect.stringMatching(/Sem terminal interativo/),
    });

    const file = path.join(dir, 'copy-final.sql');
    const deleted = await helix(['tenants', 'delete', 'garage_copy', '--yes', '--out', file, '--json']);
    expect(deleted.code).toBe(0);
    expect(deleted.json()).toMatchObject({ tenant_key: 'garage_copy', backup: file });
    expect(existsSync(file)).toBe(true);
    expect(await databaseExists(`${master.prefix}carros_garage_copy`)).toBe(false);

    const listed = await helix(['tenants', 'list', '--status', 'deleted', '--json']);
    expect(listed.json().map((t: { tenant_key: string }) => t.tenant_key)).toEqual(['garage_copy']);
  });

  it('migrate exits 1 and names the tenant whose database is gone; the others are fine', async () => {
    const root = await connectOnce(testMysqlUrl());
    await root.query(`DROP DATABASE ${quoteIdentifier(`${master.prefix}carros_garage_two`)}`);
    await root.end();
    const run = await helix(['migrate', '--robo', 'carros', '--concurrency', '2', '--json']);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({
      total: 2,
      up_to_date: 1,
      failed: [{ tenant_key: 'garage_two', error: expect.stringMatching(/Unknown database/) }],
    });
  });

  it('refuses malformed input with exit code 2 before touching anything', async () => {
    expect((await helix(['backup', 'Bad-Key'])).code).toBe(2);
    expect((await helix(['migrate', '--robo', 'motos'])).code).toBe(2);
    expect((await helix(['import-legacy', '--database', 'x; DROP', '--key', 'garage_z', '--robo', 'carros'])).code).toBe(2);
    const missing = await helix([
      'import-legacy',
      '--database',
      `${master.prefix}nao_existe`,
      '--key',
      'garage_z',
      '--robo',
      'carros',
      '--json',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.json().error.code).toBe('DATABASE_NOT_FOUND');
  });

  it('tenants create onboards through the same code as POST /tenants: the master serves it, its subscription is pending', async () => {
    const created = await helix([
      'tenants',
      'create',
      '--key',
      'garage_cli',
      '--nome',
      'Garagem CLI',
      '--robo',
      'carros',
      '--plano',
      '1',
      '--dominio',
      'Garagem-CLI.com.br',
      '--email-responsavel',
      'dono@garagem-cli.com.br',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      tenant_key: 'garage_cli',
      database_name: `${master.prefix}carros_garage_cli`,
      api_key: expect.stringMatching(/^hx_/),
      assinatura: { plano_id: 1, status: 'pending' },
      // The store's own domain, on WEB_BASE_URL's scheme and port.
      convite_url: expect.stringMatching(/^http:\/\/garagem-cli\.com\.br:3003\/painel\/convite#[A-Za-z0-9_-]{43}$/),
    });
    expect(await databaseExists(`${master.prefix}carros_garage_cli`)).toBe(true);
    const seen = await master.admin('GET', '/tenants/garage_cli');
    expect(seen.body).toMatchObject({ tenant_key: 'garage_cli', status: 'active', dominio: 'garagem-cli.com.br', robo_tipo: 'carros' });
    expect((await master.admin('GET', '/tenants/garage_cli/assinaturas')).body.data).toEqual([
      expect.objectContaining({ status: 'pending', plano: expect.objectContaining({ id: 1 }) }),
    ]);

    const again = await helix(['tenants', 'create', '--key', 'garage_cli', '--nome', 'Outra', '--robo', 'carros', '--json']);
    expect(again.code).toBe(1);
    expect(again.json().error.code).toBe('TENANT_KEY_TAKEN');
    const reserved = await helix(['tenants', 'create', '--key', 'admin', '--nome', 'Reservada', '--robo', 'carros', '--json']);
    expect(reserved.code).toBe(2);
    expect(reserved.json().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/reservada/) });
    const noPlan = await helix([
      'tenants',
      'create',
      '--key',
      'garage_noplan',
      '--nome',
      'Sem plano',
      '--robo',
      'carros',
      '--plano',
      '999',
      '--json',
    ]);
    expect(noPlan.code).toBe(1);
    expect(noPlan.json().error.code).toBe('PLANO_NOT_FOUND');
    expect(await databaseExists(`${master.prefix}carros_garage_noplan`)).toBe(false);
  });

  it('move refuses a malformed target (exit 2) and stops before copying anything when the target server does not answer (exit 1)', async () => {
    expect((await helix(['move', 'garage_one', '--to', 'mysql://root:senha@10.0.0.5:3306'])).code).toBe(2);
    expect((await helix(['move', 'garage_one', '--to', "mysql://x';DROP:3306"])).code).toBe(2);
    env = { ...env, ROBOT_URLS: 'carros-api=http://127.0.0.1:9' };
    const run = await helix(['move', 'garage_one', '--to', 'mysql://127.0.0.1:1', '--json']);
    expect(run.code).toBe(1);
    expect(run.json().error.code).toBe('SERVER_UNAVAILABLE');
    expect(await databaseExists(`${master.prefix}carros_garage_one`)).toBe(true);
  });

  it('gateway rotate gives the carros gateway a new password the master hands out at once; refuses malformed input (exit 2), names an unknown server (exit 1)', async () => {
    const resolved = async () => {
      const response = await fetch(`${master.url}/internal/tenants/resolve?key=garage_one`, {
        headers: { authorization: `Bearer ${master.serviceTokens.carros}` },
      });
      return ((await response.json()) as { database: { name: string; role: string; gateway: { user: string; password: string } } })
        .database;
    };
    const before = await resolved();
    const { host, port } = parseMysqlUrl(testMysqlUrl());

    const run = await helix(['gateway', 'rotate', '--robo', 'carros', '--espera', '0', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({
      rotated: [{ servidor: `${host}:${port}`, robo_tipo: 'carros', usuario: before.gateway.user, geracao: 1 }],
      failed: [],
    });
    const after = await resolved();
    expect(after.gateway.password).not.toBe(before.gateway.password);
    expect(await countRowsThroughGateway({ gateway: after.gateway, role: after.role, database: after.name }, 'cars')).toBe(0);

    for (const args of [
      ['--servidor', "x';DROP:3306"],
      ['--servidor', 'root:senha@10.0.0.5:3306'],
      ['--espera', '-1'],
      ['--robo', 'motos'],
    ]) {
      expect((await helix(['gateway', 'rotate', ...args])).code).toBe(2);
    }
    const unknown = await helix(['gateway', 'rotate', '--servidor', '10.255.0.1:3306', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error.code).toBe('GATEWAY_NOT_FOUND');
  });

  it('runs as a real process: npm run helix -- migrate status --json', () => {
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['apps/cli/src/main.ts', 'migrate', 'status', '--tenant', 'garage_one', '--json'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
      },
    );
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 1, up_to_date: 1 });
  });
});
