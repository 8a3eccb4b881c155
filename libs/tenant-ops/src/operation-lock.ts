import type { RowDataPacket } from '@helix/db';
import type { OpsContext } from './ops-context';

/** `name` and a digest of the master database: lock names are global to a MySQL server and at most 64 characters. */
const LOCK_NAME_SQL = "CONCAT(?, ':', LEFT(MD5(DATABASE()), 16))";

/**
 * Runs `work` holding a MySQL named lock of this deployment (taken on a master connection, so it
 * goes if the process dies), or throws `busy()` at once if another run holds it. Deployments and
 * test runs sharing a server never block each other: their tenants' ids overlap, their master
 * databases do not.
 */
export async function withOperationLock<T>(
  ctx: Pick<OpsContext, 'master'>,
  name: string,
  busy: () => Error,
  work: () => Promise<T>,
): Promise<T> {
  const connection = await ctx.master.getConnection();
  try {
    const [[{ acquired }]] = await connection.query<RowDataPacket[]>(`SELECT GET_LOCK(${LOCK_NAME_SQL}, 0) AS acquired`, [name]);
    if (acquired !== 1) throw busy();
    try {
      return await work();
    } finally {
      await connection.query(`SELECT RELEASE_LOCK(${LOCK_NAME_SQL})`, [name]);
    }
  } finally {
    connection.release();
  }
}
