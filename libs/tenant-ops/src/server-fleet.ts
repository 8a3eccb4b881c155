import { connectOnce, formatMysqlUrl, isServerHost, type RowDataPacket } from '@helix/db';
import type { ServerAddress } from './admin-servers';
import type { OpsContext } from './ops-context';
import { probeServer } from './placement';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import { freePlaces, serverLabel, TenantServers, type ServerState, type TenantServerRecord } from './tenant-servers';

/** Bounds of what an operator may register: capacity in tenants, notes in characters. */
export const MAX_SERVER_CAPACITY = 100_000;
export const MAX_SERVER_NOTES = 500;

/** Database names per `IN (…)` when summing a server's data size. */
const SIZE_QUERY_CHUNK = 500;

export interface NewTenantServer extends ServerAddress {
  capacidade: number;
  notas?: string | null;
}

/** One server as `helix servers list` shows it. */
export interface ServerListing {
  id: number;
  endereco: string;
  estado: ServerState;
  capacidade: number;
  clientes: number;
  /** Places left (never below 0; `clientes` above `capacidade` shows an overshoot). */
  livre: number;
  /** Data and indexes of the tenant databases on it, from information_schema; null when it could not be read. */
  tamanho_bytes: number | null;
  /** Whether TENANT_DB_URL's admin account logs in there now; null for retired servers, which are not probed. */
  acessivel: boolean | null;
  erro?: string;
  notas: string | null;
}

export interface FleetListing {
  servidores: ServerListing[];
  /** Servers tenants are on that nobody registered (moved there before the registry): `helix servers add` adopts them. */
  fora_do_registro: { endereco: string; clientes: number }[];
}

const invalid = (message: string) => new TenantOpsError(TenantOpsErrorCode.INVALID_INPUT, message);

function checkCapacity(capacidade: number): void {
  if (!Number.isInteger(capacidade) || capacidade < 0 || capacidade > MAX_SERVER_CAPACITY)
    throw invalid(`A capacidade é um número inteiro de clientes, de 0 a ${MAX_SERVER_CAPACITY}.`);
}

function checkNotes(notas: string | null | undefined): void {
  if (notas && notas.length > MAX_SERVER_NOTES) throw invalid(`As notas têm no máximo ${MAX_SERVER_NOTES} caracteres.`);
}

/**
 * `helix servers add`: registers a server as active once TENANT_DB_URL's admin account logs in there
 * (every server of the fleet shares that account). A registered address is refused, whatever its state.
 */
export async function addServer(ctx: OpsContext, server: NewTenantServer): Promise<ServerListing> {
  if (!isServerHost(server.host)) throw invalid(`Endereço de servidor inválido: '${server.host}'.`);
  if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535) throw invalid('A porta é um inteiro de 1 a 65535.');
  checkCapacity(server.capacidade);
  checkNotes(server.notas);
  const address = { host: server.host.toLowerCase(), port: server.port };
  const fleet = new TenantServers(ctx.master);
  const existing = await fleet.findByAddress(address);
  if (existing) {
    throw new TenantOpsError(
      TenantOpsErrorCode.SERVER_EXISTS,
      `O servidor ${serverLabel(address)} já está registrado (id ${existing.id}, ${existing.estado}).`,
      { id: existing.id },
    );
  }
  const probe = await probeServer(ctx.servers, address);
  if (!probe.acessivel) {
    throw new TenantOpsError(
      TenantOpsErrorCode.SERVER_UNAVAILABLE,
      `O servidor ${serverLabel(address)} não aceitou a conta de administração de TENANT_DB_URL (${ctx.servers.credentials(address).user}): ${probe.erro}. ` +
        'Todos os servidores da frota usam essa conta: crie-a lá com os mesmos privilégios (CREATE, DROP, CREATE USER, GRANT OPTION) e tente de novo.',
    );
  }
  const id = await fleet.add({ ...address, capacidade: server.capacidade, notas: server.notas });
  return listing(await fleet.require(id), { acessivel: true, tamanho_bytes: 0 });
}

/** `helix servers list`: every registered server, each probed (short connect timeout) and measured at once. */
export async function listServers(ctx: Pick<OpsContext, 'master' | 'servers'>): Promise<FleetListing> {
  const fleet = new TenantServers(ctx.master);
  const [rows, unregistered] = await Promise.all([fleet.list(), fleet.unregistered()]);
  const servidores = await Promise.all(
    rows.map(async (row) =>
      listing(row, row.estado === 'retired' ? { acessivel: null, tamanho_bytes: null } : await inspect(ctx, fleet, row)),
    ),
  );
  return { servidores, fora_do_registro: unregistered.map((server) => ({ endereco: serverLabel(server), clientes: server.clientes })) };
}

/** `helix servers update`: an operator's new capacity or notes. */
export async function updateServer(
  ctx: OpsContext,
  id: number,
  patch: { capacidade?: number; notas?: string | null },
): Promise<TenantServerRecord> {
  if (patch.capacidade !== undefined) checkCapacity(patch.capacidade);
  checkNotes(patch.notas);
  const fleet = new TenantServers(ctx.master);
  await fleet.require(id);
  await fleet.update(id, patch);
  return fleet.require(id);
}

/**
 * `helix servers retire`: only a server no tenant database is on (nor a copy a move is making or left
 * behind) becomes retired, in one statement; refused otherwise. Retiring a retired server is a no-op.
 */
export async function retireServer(ctx: OpsContext, id: number): Promise<TenantServerRecord> {
  const fleet = new TenantServers(ctx.master);
  const server = await fleet.require(id);
  if (server.estado === 'retired' || (await fleet.retireIfEmpty(server))) return fleet.require(id);
  const now = await fleet.require(id);
  const copies = await fleet.oldCopiesOn(server);
  const what = [
    ...(now.clientes > 0 ? [`${now.clientes} cliente(s)`] : []),
    ...(copies.length > 0 ? [`cópias antigas de ${copies.join(', ')}`] : []),
  ];
  throw new TenantOpsError(
    TenantOpsErrorCode.SERVER_NOT_EMPTY,
    `O servidor ${id} (${serverLabel(server)}) não está vazio${what.length ? `: ainda tem ${what.join(' e ')}` : ' (há uma movimentação em andamento para ele)'}. ` +
      `Esvazie-o com helix servers drain ${id} e aposente-o depois.`,
    { clientes: now.clientes, copias_antigas: copies },
  );
}

function listing(
  row: TenantServerRecord,
  state: { acessivel: boolean | null; tamanho_bytes: number | null; erro?: string },
): ServerListing {
  return {
    id: row.id,
    endereco: serverLabel(row),
    estado: row.estado,
    capacidade: row.capacidade,
    clientes: row.clientes,
    livre: Math.max(0, freePlaces(row)),
    tamanho_bytes: state.tamanho_bytes,
    acessivel: state.acessivel,
    ...(state.erro ? { erro: state.erro } : {}),
    notas: row.notas,
  };
}

/** Logs in with TENANT_DB_URL's account (short timeout) and sums the sizes of the tenant databases the registry puts there. */
async function inspect(
  ctx: Pick<OpsContext, 'servers'>,
  fleet: TenantServers,
  server: ServerAddress,
): Promise<{ acessivel: boolean; tamanho_bytes: number | null; erro?: string }> {
  let connection: Awaited<ReturnType<typeof connectOnce>>;
  try {
    connection = await connectOnce(formatMysqlUrl(ctx.servers.credentials(server)));
  } catch (error) {
    return { acessivel: false, tamanho_bytes: null, erro: errorMessage(error) };
  }
  try {
    const databases = await fleet.databasesOn(server);
    let bytes = 0;
    for (let start = 0; start < databases.length; start += SIZE_QUERY_CHUNK) {
      const [[row]] = await connection.query<RowDataPacket[]>(
        'SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes FROM information_schema.tables WHERE table_schema IN (?)',
        [databases.slice(start, start + SIZE_QUERY_CHUNK)],
      );
      bytes += Number(row.bytes);
    }
    return { acessivel: true, tamanho_bytes: bytes };
  } catch (error) {
    return { acessivel: true, tamanho_bytes: null, erro: errorMessage(error) };
  } finally {
    await connection.end().catch(() => undefined);
  }
}
