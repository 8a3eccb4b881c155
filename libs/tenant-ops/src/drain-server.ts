import { forEachBounded } from './bounded-parallel';
import { moveTenant, type MoveStep } from './move-tenant';
import type { OpsContext } from './ops-context';
import { TenantPlacement } from './placement';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import { serverLabel, TenantServers, type TenantServerRecord } from './tenant-servers';

/** Tenants moved at once when the caller does not say: each move copies a whole database. */
export const DEFAULT_DRAIN_CONCURRENCY = 2;

export interface DrainOptions {
  concurrency?: number;
  /** How many tenants this run works on (moves and old copies to drop), once known: for a progress bar. */
  onStart?: (total: number) => void;
  /** After each tenant, moved or failed. */
  onTenant?: (tenantKey: string) => void;
  /** Test seam: handed to each tenant's move, so a test can fail the drain half-way. */
  faults?: (tenantKey: string, step: MoveStep) => void | Promise<void>;
}

export interface DrainReport {
  servidor: { id: number; endereco: string };
  /** Tenants this run worked on. */
  total: number;
  movidos: { tenant_key: string; para: string }[];
  /** Tenants moved earlier whose old copy on this server this run dropped. */
  copias_removidas: string[];
  /** `para`: the server the failed move was heading for, when one was chosen. */
  falhas: { tenant_key: string; code: string; erro: string; para?: string }[];
  avisos: string[];
  /** Tenants (or old copies) still on the server after this run: 0 means it can be retired. */
  restantes: number;
}

/**
 * `helix servers drain`: marks the server draining (placement stops choosing it), then moves every
 * tenant off it, `concurrency` at a time, each with `moveTenant` (the tenant stays served: reads go
 * on, writes pause only during its freeze) to the active server with the most free places. A tenant
 * that fails is reported and the others go on; a rerun continues with whatever is still there, and
 * also drops old copies an earlier move had to leave on it.
 */
export async function drainServer(ctx: OpsContext, id: number, options: DrainOptions = {}): Promise<DrainReport> {
  const fleet = new TenantServers(ctx.master);
  const server = await fleet.require(id);
  if (server.estado === 'retired') {
    throw new TenantOpsError(TenantOpsErrorCode.SERVER_RETIRED, `O servidor ${id} (${serverLabel(server)}) já está aposentado.`);
  }
  if (server.estado === 'active') await fleet.setState(id, 'active', 'draining');

  const oldCopies = await fleet.oldCopiesOn(server);
  const { live } = await fleet.tenantsOn(server);
  const report: DrainReport = {
    servidor: { id, endereco: serverLabel(server) },
    total: oldCopies.length + live.length,
    movidos: [],
    copias_removidas: [],
    falhas: [],
    avisos: [],
    restantes: 0,
  };
  options.onStart?.(report.total);
  const failed = (tenantKey: string, error: unknown, target?: TenantServerRecord) =>
    report.falhas.push({
      tenant_key: tenantKey,
      code: (error as { code?: string }).code ?? 'UNEXPECTED',
      erro: errorMessage(error),
      ...(target ? { para: serverLabel(target) } : {}),
    });

  for (const tenantKey of oldCopies) {
    try {
      const tenant = await ctx.registry.require(tenantKey);
      // A move to where the tenant already is only finishes the earlier move: it drops the old copy.
      await moveTenant(ctx, tenantKey, { to: { host: tenant.db_host, port: tenant.db_port } });
      report.copias_removidas.push(tenantKey);
    } catch (error) {
      failed(tenantKey, error);
    }
    options.onTenant?.(tenantKey);
  }

  const targets = new DrainTargets(new TenantPlacement(fleet, ctx.servers), server);
  await forEachBounded(each(live), options.concurrency ?? DEFAULT_DRAIN_CONCURRENCY, async (tenantKey) => {
    let target: TenantServerRecord | undefined;
    try {
      target = await targets.take();
      const moved = await moveTenant(ctx, tenantKey, {
        to: target,
        faults: options.faults && ((step) => options.faults!(tenantKey, step)),
      });
      report.movidos.push({ tenant_key: tenantKey, para: moved.para });
      report.avisos.push(...moved.avisos.map((aviso) => `${tenantKey}: ${aviso}`));
    } catch (error) {
      failed(tenantKey, error, target);
    } finally {
      if (target) targets.give(target);
    }
    options.onTenant?.(tenantKey);
  });

  const after = await fleet.require(id);
  report.restantes = after.clientes + (await fleet.oldCopiesOn(server)).length;
  return report;
}

/**
 * The drain's choice of target for each tenant, one choice at a time: the places its own moves under
 * way will take are counted as taken, so parallel moves spread over the fleet instead of all
 * heading for the server that looked the emptiest.
 */
class DrainTargets {
  private readonly promised = new Map<number, number>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly placement: TenantPlacement,
    private readonly draining: TenantServerRecord,
  ) {}

  take(): Promise<TenantServerRecord> {
    const chosen = this.queue.then(async () => {
      const target = await this.placement.choose({ exceptId: this.draining.id, promised: this.promised });
      this.promised.set(target.id, (this.promised.get(target.id) ?? 0) + 1);
      return target;
    });
    this.queue = chosen.catch(() => undefined);
    return chosen;
  }

  /** The move ended: moved, its tenant counts on the target from the registry; failed, the place is free again. */
  give(target: TenantServerRecord): void {
    this.promised.set(target.id, (this.promised.get(target.id) ?? 1) - 1);
  }
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
