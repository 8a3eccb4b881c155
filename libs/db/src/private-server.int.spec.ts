import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce } from './pools';
import { ensureMysqlServer, findServerBinary, MysqlUnavailableError, startPrivateServer } from './private-server';

describe('the embedded MySQL default', () => {
  it('uses the configured server when it answers', async () => {
    const url = process.env.MYSQL_URL!;
    expect(await ensureMysqlServer(url, '/nao/usado', () => undefined)).toBe(url);
  });

  it('stops with one paragraph naming the ways out when nothing answers and no server is installed', async () => {
    const attempt = ensureMysqlServer('mysql://root:segredo@127.0.0.1:1', '/nao/usado', () => undefined, null);
    await expect(attempt).rejects.toThrow(MysqlUnavailableError);
    await expect(attempt).rejects.toThrow(/MYSQL_URL.*docker compose up -d mysql.*apt-get install mariadb-server/s);
    await expect(attempt).rejects.not.toThrow(/segredo/);
  });

  it('starts a private server under the data directory when nothing answers, and reuses it', async () => {
    expect(findServerBinary()).toBeDefined();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'helix-embedded-'));
    const said: string[] = [];
    const url = await ensureMysqlServer('mysql://root@127.0.0.1:1', dataDir, (m) => said.push(m));
    const server = await startPrivateServer(dataDir);
    try {
      expect(server.url).toBe(url);
      expect(said.join()).toMatch(/MySQL privado/);
      const connection = await connectOnce(url);
      const [[row]] = await connection.query<import('mysql2').RowDataPacket[]>('SELECT @@port AS port');
      expect(url).toContain(`:${row.port}`);
      await connection.end();
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
