/**
 * Section 4 of bench:capacity: from the measured per-tenant costs and an assumed box and traffic
 * (ASSUME, overridable by BENCH_* variables and printed with the plan), how many tenants one server
 * holds and which resource limits it, the my.cnf settings for that many, and the fleet for 10,000.
 */
import { GiB, int, kib, mib } from './format';
import { CARS } from './stock';

/** The box and the traffic the plan assumes (printed with it). */
export const ASSUME = {
  ramGiB: Number(process.env.BENCH_SERVER_RAM_GIB ?? 24),
  cores: Number(process.env.BENCH_SERVER_CORES ?? 2),
  diskGiB: Number(process.env.BENCH_SERVER_DISK_GIB ?? 200),
  /** Share of a server's tenants with traffic in the same few minutes (their pages hot in the buffer pool). */
  activeRatio: Number(process.env.BENCH_ACTIVE_RATIO ?? 0.2),
  /** Requests per second of one active tenant at peak (a storefront with a few visitors and a chat). */
  peakRequestsPerActiveTenant: Number(process.env.BENCH_PEAK_RPS_PER_ACTIVE_TENANT ?? 0.5),
  /** Share of the cores mysqld may use at peak. */
  cpuTarget: 0.7,
  /** Share of the disk tenant data may fill (binary logs, backups, growth). */
  diskFill: 0.5,
  /** RAM kept for the OS and mysqld outside the buffer pool and the tenants' table metadata. */
  reservedGiB: 3,
  /** innodb_buffer_pool_size as a share of RAM on a database-only box. */
  bufferPoolShare: 0.6,
  maxConnections: 500,
  fleetTarget: 10_000,
  /** A server is filled to this share of its capacity, so any one can be drained into the others. */
  fleetFill: 0.8,
};

/** What sections 1–3 measured, per tenant. */
export interface TenantCosts {
  tablesPerTenant: number;
  /** mysqld's table and definition caches holding one tenant's tables (Memory_used). */
  perTenantCaches: number;
  /** InnoDB dictionary memory one tenant's onboarding added. */
  perTenantDictionary: number;
  /** The database directory of a CARS-car tenant, as allocated on disk. */
  perTenantDisk: number;
  /** information_schema's size of that tenant: the pages it keeps hot in the buffer pool when active. */
  workingSet: number;
  /** mysqld's CPU a request, µs (undefined: not measurable here, so CPU bounds nothing). */
  mysqldUs: number | undefined;
  robotUs: number;
  robotHeapPerTenant: number;
}

/** A tenant count one server holds, bounded by one resource, and why. */
type Bound = [resource: string, tenants: number, why: string];

/** Every resource's bound on tenants per server, fewest first. */
function boundsPerServer(costs: TenantCosts): Bound[] {
  const perTenantMysqldMemory = Math.max(0, costs.perTenantCaches) + Math.max(0, costs.perTenantDictionary);
  const bufferPool = ASSUME.ramGiB * GiB * ASSUME.bufferPoolShare;
  const metadataRam = ASSUME.ramGiB * GiB - bufferPool - ASSUME.reservedGiB * GiB;
  const cpuUs = costs.mysqldUs;
  const bounds: Bound[] = [
    [
      'buffer pool',
      bufferPool / (ASSUME.activeRatio * costs.workingSet),
      `innodb_buffer_pool_size ${mib(bufferPool)} (${ASSUME.bufferPoolShare * 100} % of RAM) holding every active tenant's ${kib(costs.workingSet)} (a ${CARS}-car tenant, all of it hot)`,
    ],
    [
      'table metadata in mysqld',
      metadataRam / Math.max(perTenantMysqldMemory, 1),
      `${mib(metadataRam)} of RAM outside the buffer pool and a ${ASSUME.reservedGiB} GiB reserve, ${kib(perTenantMysqldMemory)} a tenant with all its tables cached (caches + dictionary, measured above)`,
    ],
    [
      'disk',
      (ASSUME.diskGiB * GiB * ASSUME.diskFill) / costs.perTenantDisk,
      `${ASSUME.diskFill * 100} % of ${ASSUME.diskGiB} GiB for tenant databases of ${kib(costs.perTenantDisk)} (${CARS} cars)`,
    ],
    ...(cpuUs
      ? ([
          [
            'CPU',
            (ASSUME.cores * ASSUME.cpuTarget * 1e6) / cpuUs / (ASSUME.activeRatio * ASSUME.peakRequestsPerActiveTenant),
            `${ASSUME.cores} cores at ${ASSUME.cpuTarget * 100} %, ${cpuUs.toFixed(0)} µs of mysqld a request, ${ASSUME.peakRequestsPerActiveTenant} req/s per active tenant at peak`,
          ],
        ] as Bound[])
      : []),
  ];
  return bounds.sort((a, b) => a[1] - b[1]);
}

/** The capacity a server registers, its settings, and the fleet for ASSUME.fleetTarget tenants. */
export function planCapacity(costs: TenantCosts) {
  const bounds = boundsPerServer(costs);
  const [limiting] = bounds;
  // A round figure under the bound: what `helix servers add --capacidade` registers.
  const magnitude = 10 ** Math.floor(Math.log10(limiting[1]));
  const perServer = Math.floor(limiting[1] / (magnitude / 2)) * (magnitude / 2);
  const tableCount = perServer * costs.tablesPerTenant;
  // Every tenant's tables cached once, plus the system's.
  const settings = {
    table_definition_cache: Math.ceil((tableCount + 400) / 1000) * 1000,
    table_open_cache: Math.ceil((tableCount + 400) / 1000) * 1000,
    innodb_open_files: Math.ceil((tableCount + 200) / 1000) * 1000,
    max_connections: ASSUME.maxConnections,
  };
  // MariaDB's own sizing rule for the descriptors those caches need.
  const openFilesLimit =
    Math.ceil((settings.innodb_open_files + 2 * settings.table_open_cache + settings.max_connections + 30) / 1000) * 1000;
  const servers = Math.max(Math.ceil(ASSUME.fleetTarget / (perServer * ASSUME.fleetFill)), Math.ceil(ASSUME.fleetTarget / perServer) + 1);
  return { bounds, limiting, perServer, tableCount, settings, openFilesLimit, servers };
}

export function printPlan(costs: TenantCosts, plan: ReturnType<typeof planCapacity>): void {
  const { bounds, limiting, perServer, tableCount, settings, openFilesLimit, servers } = plan;
  const { robotHeapPerTenant, robotUs } = costs;
  console.log(
    `\n4. Plan (assumed box: ${ASSUME.ramGiB} GiB RAM, ${ASSUME.cores} cores, ${ASSUME.diskGiB} GiB disk; ${ASSUME.activeRatio * 100} % of tenants active at once)`,
  );
  console.log('tenants one server holds, by resource (fewest first):');
  for (const [name, value, why] of bounds) console.log(`  ${name.padEnd(26)} ${int(value).padStart(9)}   ${why}`);
  console.log(`limiting resource: ${limiting[0]} → capacity ${int(perServer)} tenants a server (${int(tableCount)} tables)`);
  console.log(`settings for ${int(perServer)} tenants (my.cnf; every tenant's tables cached once, plus the system's):`);
  for (const [name, value] of Object.entries(settings)) console.log(`  ${name} = ${value}`);
  console.log(
    `  open_files_limit = ${openFilesLimit}   (innodb_open_files + 2 × table_open_cache + max_connections + 30, MariaDB's own sizing rule; LimitNOFILE at least as high)`,
  );
  console.log(
    `  the robot keeps up to TENANT_CACHE_MAX (10,000) resolutions: ${mib(robotHeapPerTenant * 10_000)} of heap at ${kib(robotHeapPerTenant)} a tenant, so every robot instance can serve the whole fleet`,
  );
  const peakRequests = ASSUME.fleetTarget * ASSUME.activeRatio * ASSUME.peakRequestsPerActiveTenant;
  console.log(
    `  robots for the fleet at peak (${int(peakRequests)} req/s at the rates above): ${((peakRequests * robotUs) / 1e6).toFixed(1)} cores of carros-api at ${robotUs.toFixed(0)} µs a request, ` +
      `each instance with one pool of DB_MAX_CONNECTIONS (20) per server: max_connections ${ASSUME.maxConnections} admits ${Math.floor(ASSUME.maxConnections / 20) - 1} instances with room for the master and operators`,
  );
  console.log(
    `10,000 tenants: ${servers} servers of capacity ${int(perServer)} (filled to ≤ ${ASSUME.fleetFill * 100} %, ${int(Math.ceil(ASSUME.fleetTarget / servers))} tenants each when placement keeps them even; ` +
      `any one can be drained into the other ${servers - 1}: ${int((servers - 1) * perServer)} ≥ 10,000)`,
  );
}
