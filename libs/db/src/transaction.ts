import { retryOnLockConflict, type ConflictRetryOptions } from './conflict-retry';
import type { Pool, PoolConnection } from './pools';

/** What a request someone waits on can afford: a deadlock is retried, a 50 s lock wait is not. */
const DEADLOCK_RETRY: ConflictRetryOptions = { attempts: 3 };

/**
 * `work` between BEGIN and COMMIT on one connection of `pool`: rolled back and rethrown when it fails,
 * the connection always released. When InnoDB picks it as a deadlock's victim the whole transaction
 * runs again from BEGIN (see retryOnLockConflict), so `work` must have no effect outside the database.
 */
export function withTransaction<T>(
  pool: Pick<Pool, 'getConnection'>,
  work: (connection: PoolConnection) => Promise<T>,
  retry = DEADLOCK_RETRY,
): Promise<T> {
  return retryOnLockConflict(() => runOnce(pool, work), retry);
}

async function runOnce<T>(pool: Pick<Pool, 'getConnection'>, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
