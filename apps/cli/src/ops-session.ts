import { loadMasterConfig } from '@helix/config';
import { createOpsContext, type OpsContext } from '@helix/tenant-ops';
import type { CliIo } from './cli-io';

/** The same environment as master-api (MYSQL_URL, MASTER_DB, TENANT_DB_PREFIX, TENANT_SECRET_KEY, INFRA_DIR, …). */
export async function withOps<T>(io: CliIo, adminConnections: number, work: (ctx: OpsContext) => Promise<T>): Promise<T> {
  const ctx = await createOpsContext(loadMasterConfig(io.env), adminConnections);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
