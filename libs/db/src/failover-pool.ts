import { retryOnLockConflict, type ConflictRetryOptions } from './conflict-retry';
import { parseMysqlUrl } from './mysql-url';
import { connectOnce, createPool, type Pool, type PoolConnection, type PoolSettings, type RowDataPacket } from './pools';

/** What the master's code asks of its pool: repositories, withTransaction and the operation lock use no more. */
type UsedPoolMethods = Pick<Pool, 'query' | 'execute' | 'getConnection' | 'end'>;

/** A Galera node that answers but is not part of a synced primary component (joining, donor, partitioned). */
export const NODE_NOT_READY = 'WSREP_NOT_READY';

/** Failures that say the node, not the statement, is the problem: another node may do better. */
const NODE_FAILURES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  // Galera's "WSREP has not yet prepared node for application use": refused, not run.
  'ER_UNKNOWN_COM_ERROR',
  NODE_NOT_READY,
]);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

export const isNodeFailure = (error: unknown): boolean => NODE_FAILURES.has(codeOf(error) as string);

/** Galera's answer that the statement was refused before it ran, so running it on another node is safe. */
const wasRefusedUnrun = (error: unknown) => codeOf(error) === 'ER_UNKNOWN_COM_ERROR';

/**
 * A statement run on a connection of its own is an autocommit transaction: refused as a deadlock (a
 * Galera certification conflict, or InnoDB's victim) it was rolled back whole, so it may run again.
 */
const AUTOCOMMIT_RETRY: ConflictRetryOptions = { attempts: 3 };

class NodeNotReadyError extends Error {
  readonly code = NODE_NOT_READY;
}

/**
 * On a server with wsrep on, the node must be ready and synced (wsrep_local_state 4), and the
 * session reads causally; a plain server (wsrep off, or no wsrep at all) always is ready. Its
 * wsrep_ready reads OFF, hence the first question.
 */
async function assertNodeReady(connection: Pick<PoolConnection, 'query'>): Promise<void> {
  const [variables] = await connection.query<RowDataPacket[]>("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'");
  if (variables[0]?.Value !== 'ON') return;
  const [rows] = await connection.query<RowDataPacket[]>("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state')");
  const status = Object.fromEntries(rows.map((row) => [row.Variable_name as string, String(row.Value)]));
  if (status.wsrep_ready !== 'ON' || status.wsrep_local_state !== '4') {
    throw new NodeNotReadyError(`Galera node not ready (wsrep_ready=${status.wsrep_ready}, wsrep_local_state=${status.wsrep_local_state})`);
  }
  // Reads wait for what the cluster committed before them: a tenant onboarded through one master's
  // node is found at once through another's (Galera applies other nodes' writes asynchronously).
  await connection.query('SET SESSION wsrep_sync_wait = 1');
}

/** One address's bounded pool; `inUse` counts connections lent or awaited, so a retired node is closed only once they are back. */
class Node {
  readonly pool: Pool;
  /** host:port, without the credentials: what logs may show. */
  readonly address: string;
  inUse = 0;
  retired = false;

  constructor(url: string, settings: PoolSettings) {
    this.pool = createPool(url, settings);
    const { host, port } = parseMysqlUrl(url);
    this.address = `${host}:${port}`;
  }
}

export interface FailoverPoolOptions extends PoolSettings {
  /** Told each time the pool leaves a node (for logs): addresses as host:port. */
  onFailover?: (event: { from: string; to: string; error: unknown }) => void;
}

/**
 * A pool over the addresses of one database (the nodes of a Galera cluster, or just one server): one
 * bounded pool on the current node; when a node cannot be reached, is not synced, or loses a
 * connection, the next address in turn becomes current. Getting a connection is tried on every node
 * before failing; a statement whose connection dropped is never run again (it may have committed):
 * its error reaches the caller, who reads it as "unavailable" (classifyMysqlError). Connections
 * already lent on the node left behind finish their work there. `query` and `execute` run again an
 * autocommit statement refused as a deadlock; transactions do the same through withTransaction.
 */
export class FailoverPool implements UsedPoolMethods {
  private index = 0;
  private node: Node;
  private readonly retired = new Set<Node>();
  /** Underlying connections already checked (wsrep ready), so only new ones cost a round trip. */
  private readonly checked = new WeakSet<object>();
  private closed = false;

  constructor(
    private readonly urls: readonly string[],
    private readonly options: FailoverPoolOptions = {},
  ) {
    if (urls.length === 0) throw new Error('FailoverPool needs at least one address');
    this.node = new Node(urls[0], options);
  }

  /** The node in use now, as host:port. */
  get currentAddress(): string {
    return this.node.address;
  }

  async getConnection(): Promise<PoolConnection> {
    let lastFailure: unknown;
    for (let tried = 0; tried < this.urls.length; tried++) {
      const node = this.node;
      try {
        return await this.connectTo(node);
      } catch (error) {
        if (!isNodeFailure(error)) throw error;
        lastFailure = error;
        this.leave(node, error);
      }
    }
    throw lastFailure;
  }

  readonly query = ((...args: unknown[]) =>
    this.run((connection) => (connection.query as (...a: unknown[]) => Promise<unknown>)(...args))) as Pool['query'];

  readonly execute = ((...args: unknown[]) =>
    this.run((connection) => (connection.execute as (...a: unknown[]) => Promise<unknown>)(...args))) as Pool['execute'];

  async end(): Promise<void> {
    this.closed = true;
    const nodes = [this.node, ...this.retired];
    this.retired.clear();
    await Promise.all(nodes.map((node) => node.pool.end()));
  }

  private run<T>(statement: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return retryOnLockConflict(() => this.runOnNodes(statement), AUTOCOMMIT_RETRY);
  }

  /** Run again on the next node only when Galera refused the statement unrun. */
  private async runOnNodes<T>(statement: (connection: PoolConnection) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const connection = await this.getConnection();
      try {
        return await statement(connection);
      } catch (error) {
        if (!wasRefusedUnrun(error) || attempt >= this.urls.length) throw error;
      } finally {
        connection.release();
      }
    }
  }

  private async connectTo(node: Node): Promise<PoolConnection> {
    node.inUse++;
    let connection: PoolConnection;
    try {
      connection = await node.pool.getConnection();
    } catch (error) {
      this.giveBack(node);
      throw error;
    }
    if (!this.checked.has(connection.connection)) {
      try {
        await assertNodeReady(connection);
      } catch (error) {
        connection.destroy();
        this.giveBack(node);
        throw error;
      }
      this.checked.add(connection.connection);
    }
    return this.watch(connection, node);
  }

  /**
   * The lent connection reports a node failure seen by any of its statements (a lost link, "not
   * ready" from a node that left the primary component) and its return to the node's count.
   */
  private watch(connection: PoolConnection, node: Node): PoolConnection {
    const lent = connection as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of ['query', 'execute', 'beginTransaction', 'commit']) {
      const method = lent[name].bind(connection) as (...args: unknown[]) => Promise<unknown>;
      lent[name] = (...args) =>
        method(...args).catch((error: unknown) => {
          if (isNodeFailure(error)) this.leave(node, error);
          throw error;
        });
    }
    let returned = false;
    for (const name of ['release', 'destroy']) {
      const method = lent[name].bind(connection);
      lent[name] = () => {
        const result = method();
        if (!returned) {
          returned = true;
          this.giveBack(node);
        }
        return result;
      };
    }
    return connection;
  }

  /** Moves to the next address, once per failed node however many callers saw it fail. */
  private leave(node: Node, error: unknown): void {
    if (node !== this.node || this.closed) return;
    this.index = (this.index + 1) % this.urls.length;
    this.node = new Node(this.urls[this.index], this.options);
    node.retired = true;
    this.retired.add(node);
    this.options.onFailover?.({ from: node.address, to: this.node.address, error });
    if (node.inUse === 0) this.close(node);
  }

  private giveBack(node: Node): void {
    node.inUse--;
    if (node.retired && node.inUse === 0) this.close(node);
  }

  private close(node: Node): void {
    if (!this.retired.delete(node)) return;
    node.pool.end().catch(() => undefined);
  }
}

/**
 * The master database's pool, over one address or several. Typed as mysql2's Pool for the code that
 * receives it, which uses only query, execute, getConnection and end (a FailoverPool offers no
 * events, escape or callback pool).
 */
export function createMasterPool(urls: readonly string[], options: FailoverPoolOptions = {}): Pool {
  return new FailoverPool(urls, options) as UsedPoolMethods as Pool;
}

/**
 * One connection to the first address that answers and is ready (the migrator at start). Errors
 * other than node failures (a wrong password…) stop at once; when no node answers, the last failure.
 */
export async function connectToFirstReady(urls: readonly string[], database?: string, multipleStatements = false) {
  let lastFailure: unknown;
  for (const url of urls) {
    let connection: Awaited<ReturnType<typeof connectOnce>> | undefined;
    try {
      connection = await connectOnce(url, database, multipleStatements);
      await assertNodeReady(connection);
      return connection;
    } catch (error) {
      connection?.destroy();
      if (!isNodeFailure(error)) throw error;
      lastFailure = error;
    }
  }
  throw lastFailure;
}
