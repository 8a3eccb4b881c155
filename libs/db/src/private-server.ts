import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { formatMysqlUrl } from './mysql-url';
import { connectOnce } from './pools';

/** The paragraph a user sees when no MySQL can be found or started. */
export class MysqlUnavailableError extends Error {
  constructor(url: string) {
    super(
      `Nenhum servidor MySQL respondeu em ${redact(url)} e não há mariadbd/mysqld instalado para iniciar um privado. ` +
        'Saídas: (1) aponte MYSQL_URL para um MySQL/MariaDB acessível (ex.: MYSQL_URL=mysql://usuario:senha@host:3306); ' +
        '(2) suba o do projeto com `docker compose up -d mysql` e use MYSQL_URL=mysql://root:helix-dev-root@127.0.0.1:3306; ' +
        '(3) instale o servidor (Debian/Ubuntu: `apt-get install mariadb-server`) e rode `npm start` de novo.',
    );
    this.name = 'MysqlUnavailableError';
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function canConnect(url: string): Promise<boolean> {
  try {
    const connection = await connectOnce(url);
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin', '/usr/bin', '/usr/local/bin'];

export function findServerBinary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...SEARCH_DIRS];
  for (const name of ['mariadbd', 'mysqld']) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** A TCP port nothing listens on right now, on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function initialiseDataDir(binary: string, dataDir: string): void {
  const isMariadb =
    path.basename(binary).startsWith('mariadb') || /mariadb/i.test(spawnSync(binary, ['--version']).stdout?.toString() ?? '');
  const result = isMariadb
    ? spawnSync(
        'mariadb-install-db',
        ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--user=root'],
        { encoding: 'utf8' },
      )
    : spawnSync(binary, ['--no-defaults', '--initialize-insecure', `--datadir=${dataDir}`, '--user=root'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`could not initialise ${dataDir}: ${result.stderr || result.error?.message}`);
  }
}

export interface PrivateServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

interface ServerFile {
  port: number;
  pid: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (or reuses) a MySQL-compatible server whose data lives in `dataDir`, on a free port of
 * 127.0.0.1, detached so it outlives the process that started it. Root has no password and
 * listens on loopback only: for development and tests, never for production.
 */
export async function startPrivateServer(dataDir: string, binary = findServerBinary()): Promise<PrivateServer> {
  if (!binary) throw new Error('no mariadbd/mysqld binary found');
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const release = await takeDirectoryLock(`${absolute}.lock`);
  try {
    const stateFile = path.join(absolute, 'helix-server.json');
    const previous = await readFile(stateFile, 'utf8')
      .then((t) => JSON.parse(t) as ServerFile)
      .catch(() => undefined);
    if (previous && isAlive(previous.pid)) {
      const url = formatMysqlUrl({ host: '127.0.0.1', port: previous.port, user: 'root', password: '' });
      if (await waitForServer(url, 10_000)) return handle(url, previous.pid);
    }
    const data = path.join(absolute, 'data');
    if (!existsSync(path.join(data, 'mysql'))) initialiseDataDir(binary, data);
    const port = await freePort();
    const log = await open(path.join(absolute, 'server.log'), 'a');
    const child = spawn(
      binary,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(absolute, 'mysqld.sock')}`,
        `--pid-file=${path.join(absolute, 'mysqld.pid')}`,
        '--user=root',
        '--skip-log-bin',
        '--max-connections=500',
        '--innodb-buffer-pool-size=128M',
      ],
      { detached: true, stdio: ['ignore', log.fd, log.fd] },
    );
    child.unref();
    await log.close();
    const url = formatMysqlUrl({ host: '127.0.0.1', port, user: 'root', password: '' });
    if (!(await waitForServer(url, 30_000))) {
      throw new Error(`private MySQL server in ${absolute} did not start; see ${path.join(absolute, 'server.log')}`);
    }
    await writeFile(stateFile, JSON.stringify({ port, pid: child.pid! } satisfies ServerFile));
    return handle(url, child.pid!);
  } finally {
    await release();
  }
}

function handle(url: string, pid: number): PrivateServer {
  return {
    url,
    pid,
    async stop() {
      if (!isAlive(pid)) return;
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 30_000;
      while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    },
  };
}

async function waitForServer(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(url)) return true;
    await sleep(200);
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mkdir is atomic: the process that creates the directory holds the lock; a stale one (crash) expires. */
async function takeDirectoryLock(lockDir: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age =
        Date.now() -
        (await stat(lockDir)
          .then((s) => s.mtimeMs)
          .catch(() => Date.now()));
      if (age > 60_000) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      await sleep(100);
    }
  }
}

/**
 * The embedded default: the server at `url` if one answers; else a private server under
 * `dataDir` when a server binary is installed; else a MysqlUnavailableError naming the ways out.
 */
export async function ensureMysqlServer(
  url: string,
  dataDir: string,
  say: (message: string) => void,
  binary: string | null = findServerBinary() ?? null,
): Promise<string> {
  if (await canConnect(url)) return url;
  if (!binary) throw new MysqlUnavailableError(url);
  const server = await startPrivateServer(dataDir, binary);
  say(`Nada respondeu em ${redact(url)}: usando o MySQL privado em ${server.url} (dados em ${path.resolve(dataDir)}, pid ${server.pid}).`);
  return server.url;
}
