import { PassThrough } from 'node:stream';
import { parseMysqlUrl, type PrivateServer } from '@helix/db';
import { createTestOps } from '@helix/tenant-ops/testing';
import { closeInOrder, rootSql, startPrivateServers, testMysqlUrl } from '@helix/testing';
import { runCli } from './program';

describe('helix servers', () => {
  let ops: Awaited<ReturnType<typeof createTestOps>>;
  let fleet: Awaited<ReturnType<typeof startPrivateServers>>;
  let first: PrivateServer;
  let second: PrivateServer;
  const label = (server: PrivateServer) => `${parseMysqlUrl(server.url).host}:${parseMysqlUrl(server.url).port}`;
  const home = parseMysqlUrl(testMysqlUrl());

  /** The real program, in-process; `terminal` makes stdout look like a person's terminal (progress bars). */
  async function helix(args: string[], terminal = false) {
    const stdout = Object.assign(new PassThrough(), { isTTY: terminal });
    // cli-progress draws only on a terminal.
    const stderr = Object.assign(new PassThrough(), { isTTY: terminal });
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await runCli(args, { env: ops.env, stdout, stderr, stdinIsTTY: false });
    return { code, stdout: out, stderr: err, json: () => JSON.parse(out) };
  }

  beforeAll(async () => {
    fleet = await startPrivateServers(['first', 'second']);
    [first, second] = fleet.servers;
    ops = await createTestOps(undefined, 4, { ROBOT_URLS: '' });
  }, 60_000);
  afterAll(() => closeInOrder(ops, fleet));

  it('add registers a server the admin account reaches; refuses a duplicate (exit 1) and malformed input (exit 2)', async () => {
    const added = await helix(['servers', 'add', `mysql://${label(first)}`, '--capacidade', '2800', '--notas', 'primeiro', '--json']);
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({
      id: 2,
      endereco: label(first),
      estado: 'active',
      capacidade: 2800,
      clientes: 0,
      notas: 'primeiro',
    });
    const text = await helix(['servers', 'add', `mysql://${label(second)}`, '--capacidade', '2900']);
    expect(text).toMatchObject({ code: 0, stdout: `servidor 3 registrado: ${label(second)}, capacidade 2900 clientes, ativo\n` });

    const duplicate = await helix(['servers', 'add', `mysql://${label(first)}`, '--capacidade', '5', '--json']);
    expect(duplicate.code).toBe(1);
    expect(duplicate.json().error).toMatchObject({ code: 'SERVER_EXISTS' });
    expect((await helix(['servers', 'add', 'mysql://root:x@h:1/db', '--capacidade', '5'])).code).toBe(2);
    expect((await helix(['servers', 'add', `mysql://${label(first)}`, '--capacidade', 'muitos'])).code).toBe(2);
    expect((await helix(['servers', 'add', `mysql://${label(first)}`])).code).toBe(2);
    expect((await helix(['servers', 'drain', 'x1'])).code).toBe(2);

    const updated = await helix(['servers', 'update', '2', '--capacidade', '2850', '--notas', '', '--json']);
    expect(updated.code).toBe(0);
    expect(updated.json()).toMatchObject({ id: 2, capacidade: 2850, notas: null });
    const unknown = await helix(['servers', 'update', '99', '--capacidade', '1', '--json']);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error.code).toBe('SERVER_NOT_FOUND');
  });

  it('tenants create says which server the tenant went to; list shows tenants, size, free places, reachability', async () => {
    const created = await helix(['tenants', 'create', '--key', 'loja_frota', '--nome', 'Frota', '--robo', 'carros']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`no servidor ${label(second)}`);

    const listed = await helix(['servers', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual({
      servidores: [
        expect.objectContaining({ id: 1, endereco: `${home.host}:${home.port}`, clientes: 0, acessivel: true }),
        expect.objectContaining({ id: 2, endereco: label(first), clientes: 0, livre: 2850, tamanho_bytes: 0, acessivel: true }),
        expect.objectContaining({ id: 3, endereco: label(second), clientes: 1, livre: 2899, tamanho_bytes: expect.any(Number) }),
      ],
      fora_do_registro: [],
    });
    expect(listed.json().servidores[2].tamanho_bytes).toBeGreaterThan(0);

    const table = await helix(['servers', 'list']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['id', 'endereço', 'estado', 'clientes', 'tamanho', 'livre', 'acessível']);
    expect(lines[3].split(/\s+/)).toEqual([
      '3',
      label(second),
      'active',
      '1/2900',
      expect.stringMatching(/^\d+(\.\d)?$/),
      expect.stringMatching(/B$/),
      '2899',
      'sim',
    ]);
  });

  it('drain moves every tenant off with a progress bar; retire is refused before and accepted after', async () => {
    const refused = await helix(['servers', 'retire', '3', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json().error).toMatchObject({ code: 'SERVER_NOT_EMPTY', message: expect.stringContaining('helix servers drain 3') });

    const drained = await helix(['servers', 'drain', '3'], true);
    expect(drained.code).toBe(0);
    expect(drained.stderr).toContain('esvaziando o servidor 3');
    expect(drained.stdout).toContain(`→ loja_frota para ${label(first)}`);
    expect(drained.stdout).toContain('servidor 3 vazio: aposente-o com helix servers retire 3');
    expect(await rootSql('SHOW DATABASES LIKE ?', [`${ops.prefix}carros_loja_frota`], undefined, first.url)).toHaveLength(1);

    const retired = await helix(['servers', 'retire', '3', '--json']);
    expect(retired.code).toBe(0);
    expect(retired.json()).toMatchObject({ id: 3, estado: 'retired', clientes: 0 });
    const again = await helix(['servers', 'drain', '3', '--json']);
    expect(again.code).toBe(1);
    expect(again.json().error.code).toBe('SERVER_RETIRED');
  });
});
