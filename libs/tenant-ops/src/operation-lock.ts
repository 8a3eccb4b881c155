import { withLease, type LeaseSpec } from '@helix/db';
import type { OpsContext } from './ops-context';

/** The master's table of operation leases (infra/master/migrations/0010_operacoes_lease.sql). */
export const OPERATION_LEASES_TABLE = 'operacoes_lease';

/** Renewed every 10 s while the operation runs: a holder that dies frees the operation within 30 s. */
const OPERATION_LEASE_SECONDS = 30;

/**
 * Runs `work` holding a lease row of this master registry, or throws `busy()` at once if another run
 * holds it. A row of the master database, not a named lock: masters on different nodes of a cluster
 * exclude each other, and deployments or test runs sharing a server do not (each has its own master
 * database).
 */
export async function withOperationLock<T>(
  ctx: Pick<OpsContext, 'master'>,
  name: string,
  busy: () => Error,
  /** `lost` aborts if the lease was taken over (this run stalled past its expiry): stop at the next step. */
  work: (lost: AbortSignal) => Promise<T>,
): Promise<T> {
  const lease: LeaseSpec = { table: OPERATION_LEASES_TABLE, name, seconds: OPERATION_LEASE_SECONDS };
  return withLease(ctx.master, lease, { busy }, work);
}
