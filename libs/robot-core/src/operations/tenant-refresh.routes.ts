import { TENANT_REFRESH_REASONS, type TenantRefreshReason, type TenantResolutionV1 } from '@helix/contracts';
import { z } from 'zod';
import { defineRoute, serviceGuard, tenantKeyParam, type RouteSpec } from '@helix/http';
import { bindableTenant, MasterUnavailableError } from '@helix/tenant-context';
import { RobotError } from '../robot.error';
import type { RobotRuntime } from '../robot-runtime';

/** How long new writes are refused here while the master is asked (covers resolutions already on their way). */
const BLOCK_WHILE_REFRESHING_MS = 30_000;
/** How long a notice waits for this instance's running requests of the tenant. */
const DRAIN_TIMEOUT_MS = 15_000;

/**
 * Operations (`helix move`) and the master tell every robot instance that a tenant changed: the
 * instance asks the master now instead of waiting for its cache to expire. For a move, new writes
 * wait meanwhile, and it answers, when the tenant's writes are being frozen, once none of its
 * writes of that tenant is running; otherwise once every request of the tenant that started before
 * the notice is done (none still uses a server being left). A mere change only re-reads.
 */
export async function refreshTenant(runtime: RobotRuntime, tenantKey: string, motivo: TenantRefreshReason = 'movimentacao') {
  const { activity, resolver, shipper } = runtime;
  if (motivo === 'alteracao') {
    const fresh = await resolver.refresh(tenantKey).catch(masterUnavailable);
    return refreshAnswer(runtime, fresh);
  }
  activity.block(tenantKey, BLOCK_WHILE_REFRESHING_MS);
  let fresh: TenantResolutionV1;
  try {
    fresh = await resolver.refresh(tenantKey);
  } catch (error) {
    activity.unblock(tenantKey);
    return masterUnavailable(error);
  }
  // A moved tenant's outbox is at its new place now: look there.
  shipper.seenTenant(bindableTenant(fresh));
  const frozen = fresh.tenant.escrita_congelada === true;
  if (!frozen) activity.unblock(tenantKey);
  const settled = frozen
    ? await activity.writesDone(tenantKey, DRAIN_TIMEOUT_MS)
    : await activity.earlierRequestsDone(tenantKey, DRAIN_TIMEOUT_MS);
  if (!settled) {
    throw new RobotError('REQUESTS_STILL_RUNNING', 'Ainda há requisições deste cliente em andamento nesta instância.', {
      details: { escritas_em_andamento: activity.writesInFlight(tenantKey) },
      retryAfterSeconds: 5,
    });
  }
  return refreshAnswer(runtime, fresh);
}

function refreshAnswer({ activity }: RobotRuntime, fresh: TenantResolutionV1) {
  const tenantKey = fresh.tenant.tenant_key;
  return {
    tenant_key: tenantKey,
    servidor: `${fresh.database.host}:${fresh.database.port}`,
    escrita_congelada: fresh.tenant.escrita_congelada === true,
    escritas_em_andamento: activity.writesInFlight(tenantKey),
  };
}

function masterUnavailable(error: unknown): never {
  if (error instanceof MasterUnavailableError)
    throw new RobotError('MASTER_UNAVAILABLE', 'Master indisponível; tente novamente.', { retryAfterSeconds: 5 });
  throw error;
}

export function operationsRoutes(runtime: RobotRuntime): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/internal/tenants/:key/refresh',
      tag: 'Operação',
      security: 'serviceToken',
      summary: 'Relê o cliente no master agora; com a escrita congelada, responde quando nenhuma escrita dele estiver em andamento',
      guards: [serviceGuard(new Map([[runtime.config.SERVICE_TOKEN, 'operations']]))],
      params: tenantKeyParam,
      query: z.object({ motivo: z.enum(TENANT_REFRESH_REASONS).default('movimentacao') }),
      errors: {
        401: 'Token de serviço inválido',
        404: 'Cliente não encontrado',
        503: 'Master indisponível ou escritas ainda em andamento',
      },
      handle: ({ params, query }) => refreshTenant(runtime, params.key, query.motivo),
    }),
  ];
}
