import { connectOnce, formatMysqlUrl } from '@helix/db';
import type { AdminServers, ServerAddress } from './admin-servers';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import type { OpsContext } from './ops-context';
import { freePlaces, serverLabel, TenantServers, type TenantServerRecord } from './tenant-servers';

export interface ServerProbe {
  acessivel: boolean;
  erro?: string;
}

/**
 * Whether TENANT_DB_URL's admin account logs in on `server`, within connectOnce's short connect
 * timeout (3 s; a stopped server on a reachable host refuses at once). A fresh connection, never
 * the server's pool: a pool would hide a dead server behind a connection opened earlier.
 */
export async function probeServer(servers: AdminServers, server: ServerAddress): Promise<ServerProbe> {
  try {
    const connection = await connectOnce(formatMysqlUrl(servers.credentials(server)));
    await connection.end();
    return { acessivel: true };
  } catch (error) {
    return { acessivel: false, erro: errorMessage(error) };
  }
}

export interface PlacementChoice {
  /** Never this server (the one a drain empties). */
  exceptId?: number;
  /** Places already promised on a server by the caller (moves of a drain under way), by server id. */
  promised?: ReadonlyMap<number, number>;
}

/**
 * Where a tenant database goes: the active server with the most free places (capacity minus the
 * tenants being created, live or suspended on it) that answers; one that does not is skipped and the
 * next best is tried. Two placements at the same instant may both take a server's last place: the
 * capacity is a planning figure, overshot at most by the onboardings that run at once.
 */
export class TenantPlacement {
  constructor(
    private readonly fleet: TenantServers,
    private readonly servers: AdminServers,
  ) {}

  async choose(choice: PlacementChoice = {}): Promise<TenantServerRecord> {
    const left = (server: TenantServerRecord) => freePlaces(server) - (choice.promised?.get(server.id) ?? 0);
    const candidates = (await this.fleet.withRoom())
      .filter((server) => server.id !== choice.exceptId && left(server) > 0)
      .sort((a, b) => left(b) - left(a) || a.id - b.id);
    if (candidates.length === 0) {
      throw new TenantOpsError(
        TenantOpsErrorCode.NO_SERVER_AVAILABLE,
        'Nenhum servidor ativo tem vaga para mais um cliente: registre outro (helix servers add) ou aumente a capacidade de um (helix servers update).',
        { motivo: 'sem_vaga' },
      );
    }
    const unreachable: string[] = [];
    for (const server of candidates) {
      const probe = await probeServer(this.servers, server);
      if (probe.acessivel) return server;
      unreachable.push(`${serverLabel(server)} (${probe.erro})`);
    }
    throw new TenantOpsError(
      TenantOpsErrorCode.NO_SERVER_AVAILABLE,
      `Nenhum servidor com vaga respondeu: ${unreachable.join('; ')}. Tente de novo em instantes ou confira esses servidores.`,
      { motivo: 'inacessiveis', servidores: candidates.map(serverLabel) },
    );
  }
}

/** Placement as the CLI's operations use it (onboarding, restore), on the ops context's master and servers. */
export const placementFor = (ctx: Pick<OpsContext, 'master' | 'servers'>) =>
  new TenantPlacement(new TenantServers(ctx.master), ctx.servers);
