import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectOnce, findServerBinary, formatMysqlUrl, freePort, type RowDataPacket } from '@helix/db';

export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
/** The account the nodes run as when the tests run as root: rsync SST run as root fails with "Permission denied". */
const NODE_ACCOUNT = 'mysql';

export interface GaleraNodeStatus {
  ready: boolean;
  /** wsrep_local_state_comment: Synced, Joining, Donor/Desynced… */
  state: string;
  clusterSize: number;
  lastCommitted: number;
}

/** How a node's last start received the cluster's state (read from its log). */
export type StateTransfer = 'IST' | 'SST' | 'none';

export interface GaleraNode {
  name: string;
  /** Root over TCP on 127.0.0.1, no password. */
  url: string;
  port: number;
  errorLog: string;
  /** The mariadbd process id, while it runs. */
  readonly pid: number | undefined;
  /** SIGKILL, as a crash: no clean leave from the cluster. */
  kill(): Promise<void>;
  /** Starts it again on the same data (recovering its position first, so it rejoins by IST) and waits for Synced. */
  restart(): Promise<void>;
  /** SIGTERM and wait (a clean leave); nothing if it is not running. */
  stop(): Promise<void>;
  status(): Promise<GaleraNodeStatus>;
  stateTransfer(): Promise<StateTransfer>;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  urls: string[];
  dir: string;
  /** Stops every node and removes the cluster's directory. */
  stop(): Promise<void>;
}

export interface GaleraClusterOptions {
  nodes?: number;
  /** Parent of the cluster's own (new) directory; it must be traversable by the mysql account. */
  dir?: string;
  /** How long one node may take to become Synced. */
  timeoutMs?: number;
  /** Added to every node's command line. */
  serverArgs?: string[];
}

interface NodePorts {
  port: number;
  gcomm: number;
  ist: number;
  sst: number;
}

/**
 * A local MariaDB Galera cluster for tests: `nodes` mariadbd on loopback ports taken with freePort
 * (so parallel tests do not collide), each with its data under a new directory of `dir` (default
 * the OS temp dir); the first bootstraps the cluster, the others join by rsync SST. Run as root,
 * the nodes run as the mysql account, owner of their directories. Every node is Synced on return.
 */
export async function startGaleraCluster(options: GaleraClusterOptions = {}): Promise<GaleraCluster> {
  const binary = findServerBinary();
  if (!binary) throw new Error('no mariadbd/mysqld binary found');
  const count = options.nodes ?? 3;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const account = process.getuid?.() === 0 ? accountIds(NODE_ACCOUNT) : undefined;

  const root = await mkdtemp(path.join(options.dir ?? os.tmpdir(), 'helix-galera-'));
  await chmod(root, 0o755);
  const ports = await distinctPorts(count);
  const clusterAddress = `gcomm://${ports.map((p) => `127.0.0.1:${p.gcomm}`).join(',')}`;
  const clusterName = `helix-test-${randomBytes(4).toString('hex')}`;
  const nodes = ports.map((nodePorts, index) =>
    createNode({
      binary,
      name: `node${index + 1}`,
      dir: path.join(root, `node${index + 1}`),
      ports: nodePorts,
      clusterAddress,
      clusterName,
      account,
      serverArgs: options.serverArgs ?? [],
      timeoutMs,
    }),
  );
  const cluster: GaleraCluster = {
    nodes,
    urls: nodes.map((node) => node.url),
    dir: root,
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    await allSettled(nodes.map((node) => node.initialise()));
    await nodes[0].start({ bootstrap: true });
    await allSettled(nodes.slice(1).map((node) => node.start({ bootstrap: false })));
  } catch (error) {
    await cluster.stop().catch(() => undefined);
    throw error;
  }
  return cluster;
}

/** Like Promise.all, but waits for every one (nothing left writing into a directory about to be removed). */
async function allSettled(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function accountIds(name: string): { name: string; uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`the '${name}' account is needed to run Galera nodes as root`);
  return { name, uid, gid };
}

async function distinctPorts(count: number): Promise<NodePorts[]> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  const result: NodePorts[] = [];
  for (let i = 0; i < count; i++) result.push({ port: await next(), gcomm: await next(), ist: await next(), sst: await next() });
  return result;
}

interface NodeSettings {
  binary: string;
  name: string;
  dir: string;
  ports: NodePorts;
  clusterAddress: string;
  clusterName: string;
  account: { name: string; uid: number; gid: number } | undefined;
  serverArgs: string[];
  timeoutMs: number;
}

function createNode(settings: NodeSettings) {
  const { binary, name, dir, ports, account } = settings;
  const dataDir = path.join(dir, 'data');
  // Its own, not the shared /tmp: temporary tables there are not at the mercy of other processes' cleanups.
  const tmpDir = path.join(dir, 'tmp');
  const errorLog = path.join(dir, 'error.log');
  const url = formatMysqlUrl({ host: '127.0.0.1', port: ports.port, user: 'root', password: '' });
  let child: ChildProcess | undefined;
  let everStarted = false;
  /** Where this start's lines begin in the error log. */
  let logOffset = 0;

  const serverArgs = (): string[] => [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--tmpdir=${tmpDir}`,
    `--port=${ports.port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(dir, 'mysqld.sock')}`,
    `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    ...(account ? [`--user=${account.name}`] : []),
    '--skip-log-bin',
    '--max-connections=300',
    '--innodb-buffer-pool-size=64M',
    // What Galera requires of the server.
    '--binlog-format=ROW',
    '--default-storage-engine=InnoDB',
    '--innodb-autoinc-lock-mode=2',
    '--wsrep-on=ON',
    `--wsrep-provider=${GALERA_PROVIDER}`,
    `--wsrep-cluster-name=${settings.clusterName}`,
    `--wsrep-cluster-address=${settings.clusterAddress}`,
    `--wsrep-node-name=${name}`,
    `--wsrep-node-address=127.0.0.1:${ports.gcomm}`,
    `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${ports.gcomm}; ist.recv_addr=127.0.0.1:${ports.ist}; base_port=${ports.gcomm}; gcache.size=64M`,
    `--wsrep-sst-receive-address=127.0.0.1:${ports.sst}`,
    '--wsrep-sst-method=rsync',
    ...settings.serverArgs,
  ];

  const logTail = async (from = logOffset) => {
    const text = await readFile(errorLog, 'utf8').catch(() => '');
    return text.slice(from).split('\n').slice(-60).join('\n');
  };

  const status = async (): Promise<GaleraNodeStatus> => {
    const connection = await connectOnce(url);
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_last_committed')",
      );
      const value = Object.fromEntries(rows.map((row) => [row.Variable_name as string, String(row.Value)]));
      return {
        ready: value.wsrep_ready === 'ON',
        state: value.wsrep_local_state_comment ?? '',
        clusterSize: Number(value.wsrep_cluster_size ?? 0),
        lastCommitted: Number(value.wsrep_last_committed ?? -1),
      };
    } finally {
      await connection.end();
    }
  };

  const waitUntilSynced = async (server: ChildProcess) => {
    const deadline = Date.now() + settings.timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (server.exitCode !== null || server.signalCode !== null) {
        throw new Error(`Galera ${name} exited (${server.exitCode ?? server.signalCode}) while starting; log:\n${await logTail()}`);
      }
      const now = await status().catch((error: Error) => error);
      if (!(now instanceof Error) && now.ready && now.state === 'Synced') return;
      last = now instanceof Error ? now.message : `wsrep_ready=${now.ready ? 'ON' : 'OFF'}, state=${now.state}`;
      await sleep(200);
    }
    throw new Error(`Galera ${name} not Synced within ${settings.timeoutMs} ms (${last}); log:\n${await logTail()}`);
  };

  /** After a crash grastate.dat says seqno -1: without the position InnoDB recovers, the node would need a full SST. */
  const recoveredPosition = async (): Promise<string | undefined> => {
    const recoverLog = path.join(dir, 'recover.log');
    await rm(recoverLog, { force: true });
    const recovery = spawn(binary, [...serverArgs(), '--wsrep-recover', `--log-error=${recoverLog}`], { stdio: 'ignore' });
    await new Promise((resolve) => recovery.once('exit', resolve));
    const text = await readFile(recoverLog, 'utf8').catch(() => '');
    const position = /WSREP: Recovered position: ([0-9a-f-]{36}:-?\d+)/.exec(text)?.[1];
    return position && !position.endsWith(':-1') ? position : undefined;
  };

  const exited = (server: ChildProcess) =>
    server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => server.once('exit', () => resolve()));

  const node = {
    name,
    url,
    port: ports.port,
    errorLog,
    get pid() {
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },

    async initialise() {
      await mkdir(tmpDir, { recursive: true });
      if (account) await Promise.all([dir, tmpDir].map((d) => chown(d, account.uid, account.gid)));
      const result = await run('mariadb-install-db', [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--tmpdir=${tmpDir}`,
        ...(account ? [`--user=${account.name}`] : []),
        // Root with no password, also over TCP from 127.0.0.1 (as the private server's).
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ]);
      if (result.code !== 0) throw new Error(`could not initialise ${dataDir}: ${result.output}`);
    },

    async start({ bootstrap }: { bootstrap: boolean }) {
      const position = everStarted ? await recoveredPosition() : undefined;
      everStarted = true;
      logOffset = await stat(errorLog).then(
        (s) => s.size,
        () => 0,
      );
      const log = await open(errorLog, 'a');
      if (account) await chown(errorLog, account.uid, account.gid);
      const args = [
        ...serverArgs(),
        ...(bootstrap ? ['--wsrep-new-cluster'] : []),
        ...(position ? [`--wsrep-start-position=${position}`] : []),
      ];
      child = spawn(binary, args, { stdio: ['ignore', log.fd, log.fd] });
      await log.close();
      await waitUntilSynced(child);
    },

    async restart() {
      if (node.pid !== undefined) throw new Error(`Galera ${name} is still running`);
      await node.start({ bootstrap: false });
    },

    async kill() {
      if (!child || node.pid === undefined) return;
      child.kill('SIGKILL');
      await exited(child);
    },

    async stop() {
      if (!child || node.pid === undefined) return;
      const server = child;
      server.kill('SIGTERM');
      // A node that hangs on shutdown (e.g. alone in a non-primary component) is killed after 30 s.
      const hung = setTimeout(() => server.kill('SIGKILL'), 30_000);
      await exited(server);
      clearTimeout(hung);
    },

    status,

    async stateTransfer(): Promise<StateTransfer> {
      const text = (await readFile(errorLog, 'utf8').catch(() => '')).slice(logOffset);
      // A full SST may be followed by an IST of what was committed meanwhile: SST wins.
      if (/rsync SST completed on joiner/.test(text)) return 'SST';
      if (/rsync IST completed on joiner|Receiving IST: \d+ writesets/.test(text)) return 'IST';
      return 'none';
    },
  };
  return node;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ code: -1, output: error.message }));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
