import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseMysqlUrl, startPrivateServer, type PrivateServer } from '@helix/db';
import { DEFAULT_SERVER_CAPACITY } from '@helix/tenant-ops';
import { rootSql, testMysqlUrl } from '@helix/testing';
import { startTestMaster, type TestMaster } from '../testing/test-master';

describe('POST /tenants places the tenant on the fleet and says where', () => {
  let master: TestMaster;
  let second: PrivateServer;
  let dir: string;
  const home = parseMysqlUrl(testMysqlUrl());
  const homeLabel = `${home.host}:${home.port}`;
  const create = (tenant_key: string) =>
    master.http.post('/tenants').set(master.auth).send({ tenant_key, nome: tenant_key, robo_tipo: 'carros' });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'helix-placement-'));
    second = await startPrivateServer(path.join(dir, 'server'));
    master = await startTestMaster();
  }, 60_000);
  afterAll(async () => {
    try {
      await master?.close();
    } finally {
      await second?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  });

  it('registers the TENANT_DB_URL server at start, once, with the default capacity', async () => {
    const again = await startTestMaster({ prefix: master.prefix });
    await again.close(true);
    expect(await master.sql('SELECT host, port, capacidade, estado FROM servidores')).toEqual([
      { host: home.host, port: home.port, capacidade: DEFAULT_SERVER_CAPACITY, estado: 'active' },
    ]);
  });

  it('answers the server it chose: the one with the most free places; one that does not answer is skipped', async () => {
    expect((await create('loja_casa').expect(201)).body).toMatchObject({ tenant: { tenant_key: 'loja_casa' }, servidor: homeLabel });

    const target = parseMysqlUrl(second.url);
    await master.sql('INSERT INTO servidores (host, port, capacidade) VALUES (?, ?, ?)', [
      target.host,
      target.port,
      DEFAULT_SERVER_CAPACITY + 10,
    ]);
    const placed = (await create('loja_longe').expect(201)).body;
    expect(placed).toMatchObject({ servidor: `${target.host}:${target.port}`, tenant: { db_host: target.host, db_port: target.port } });
    expect(await rootSql('SHOW DATABASES LIKE ?', [placed.database_name], undefined, second.url)).toHaveLength(1);

    await second.stop();
    expect((await create('loja_volta').expect(201)).body.servidor).toBe(homeLabel);
  });

  it('GET /servidores (admins only) lists the fleet with tenants, free places and reachability', async () => {
    const { body } = await master.http.get('/servidores').set(master.auth).expect(200);
    expect(body).toEqual({
      servidores: [
        expect.objectContaining({ id: 1, endereco: homeLabel, estado: 'active', clientes: 2, acessivel: true }),
        expect.objectContaining({ id: 2, clientes: 1, acessivel: false, erro: expect.stringMatching(/ECONNREFUSED/), tamanho_bytes: null }),
      ],
      fora_do_registro: [],
    });
    await master.http.get('/servidores').expect(401);
    await master.http
      .get('/servidores')
      .set(await master.createViewer())
      .expect(403);
  });

  it('answers 503 NO_SERVER_AVAILABLE when the servers with room do not answer, or none has room; reserves nothing', async () => {
    await master.sql('UPDATE servidores SET capacidade = 2 WHERE host = ? AND port = ?', [home.host, home.port]);
    const unreachable = await create('loja_sem_vaga').expect(503);
    expect(unreachable.body.error).toMatchObject({
      code: 'NO_SERVER_AVAILABLE',
      message: expect.stringContaining(
        `Nenhum servidor com vaga respondeu: ${parseMysqlUrl(second.url).host}:${parseMysqlUrl(second.url).port}`,
      ),
    });

    await master.sql('UPDATE servidores SET capacidade = 1');
    const full = await create('loja_sem_vaga').expect(503);
    expect(full.body.error).toMatchObject({
      code: 'NO_SERVER_AVAILABLE',
      message: expect.stringMatching(/^Nenhum servidor ativo tem vaga/),
    });
    await master.http.get('/tenants/loja_sem_vaga').set(master.auth).expect(404);
  });
});
