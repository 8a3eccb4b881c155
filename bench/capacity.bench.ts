/**
 * `npm run bench:capacity`: what one tenant costs a MySQL server and a robot, measured on this
 * machine with tenants onboarded by the real master (POST /tenants), and what that implies:
 *   1. disk: an empty tenant database, then the same one with 1,000 cars (information_schema's
 *      data + index length, and the files in the server's datadir), against the server's own files
 *      (capacity/disk.ts, capacity/stock.ts);
 *   2. table cache and open files: every table of N tenants read once, first under the server's own
 *      caches, then under docker-compose's (raised for the run, put back at once), the server's
 *      counters sampled as they grow; a second pass tells hits from re-opens (capacity/server-caches.ts);
 *   3. memory in a robot: a carros-api serving the N tenants once each, heap and RSS after a forced
 *      GC before and after (capacity/robot-memory.ts); then a few seconds of load for the CPU each
 *      request costs (capacity/cpu-per-request.ts);
 *   4. the plan: settings for a server, tenants per server (the limiting resource named), and the
 *      fleet for 10,000 tenants. The box and traffic assumptions are printed with it (capacity/plan.ts).
 * Everything it creates carries the master's `hxt_…_` prefix and is dropped at the end; global
 * settings it raised are restored even on Ctrl-C (capacity/cleanups.ts).
 */
import { connectOnce, type RowDataPacket } from '@helix/db';
import { tenantDatabaseName } from '@helix/provisioning';
import { createUnthrottledPlan, onboardManyActiveTenants } from '@helix/robot-core/testing';
import { spawnMaster, testMysqlUrl } from '@helix/testing';
import { cleanupsOnExit } from './capacity/cleanups';
import { measureCpuPerRequest } from './capacity/cpu-per-request';
import { measureTenantDisk } from './capacity/disk';
import { loadAverage } from './capacity/format';
import { describeServer, globalStatus, innodbDictionaryMemory, mysqldProcess, serverSettings } from './capacity/mysqld';
import { planCapacity, printPlan } from './capacity/plan';
import { measureRobotMemory } from './capacity/robot-memory';
import { measureServerCaches } from './capacity/server-caches';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);

async function main() {
  const started = Date.now();
  const url = testMysqlUrl();
  const root = await connectOnce(url, undefined, true);
  const { defer, cleanUp } = cleanupsOnExit();
  defer(async () => root.end());

  try {
    const server = await serverSettings(root);
    const datadir = String(server.datadir);
    const mysqld = mysqldProcess(String(server.pidFile), datadir);
    describeServer(server, mysqld, TENANTS);

    // Onboarding, with what creating the tenants alone moves in the server.
    const dictionaryBefore = await innodbDictionaryMemory(root);
    const innodbFilesBefore = (await globalStatus(root)).Innodb_num_open_files;
    const mysqldRssBefore = mysqld?.rss();
    const master = await spawnMaster();
    defer(() => master.close());
    const onboardingStarted = Date.now();
    const keys = await onboardManyActiveTenants(master, 'cap_', TENANTS, 'carros', { planoId: await createUnthrottledPlan(master) });
    const databases = keys.map((key) => tenantDatabaseName(master.prefix, 'carros', key));
    const dictionaryAfter = await innodbDictionaryMemory(root);
    const innodbFilesAfter = (await globalStatus(root)).Innodb_num_open_files;
    console.log(`onboarded ${TENANTS} carros tenants through POST /tenants in ${((Date.now() - onboardingStarted) / 1000).toFixed(1)} s`);
    const [tableRows] = await root.query<RowDataPacket[]>(
      'SELECT table_name AS name, engine FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name',
      [databases[0]],
    );
    const tables = tableRows.map((row) => String(row.name));
    const engines = [...new Set(tableRows.map((row) => String(row.engine)))].join(', ');
    console.log(`tables per tenant database: ${tables.length} (${engines}): ${tables.join(', ')}`);

    const { full } = await measureTenantDisk(root, datadir, databases[0], tables);
    const { perTenantCaches, perTenantDictionary } = await measureServerCaches({
      root,
      url,
      databases,
      tables,
      tenantPrefix: tenantDatabaseName(master.prefix, 'carros', ''),
      mysqld,
      innodbOpenFiles: Number(server.innodbOpenFiles),
      onboarding: { dictionaryBefore, dictionaryAfter, innodbFilesBefore, innodbFilesAfter, mysqldRssBefore },
      defer,
    });
    const { robot, robotHeapPerTenant } = await measureRobotMemory(root, master, keys, defer);
    const { robotUs, mysqldUs } = await measureCpuPerRequest(robot, keys, mysqld);

    const costs = {
      tablesPerTenant: tables.length,
      perTenantCaches,
      perTenantDictionary,
      perTenantDisk: full.directory.allocated,
      workingSet: full.reported,
      mysqldUs,
      robotUs,
      robotHeapPerTenant,
    };
    printPlan(costs, planCapacity(costs));
    console.log(`\nbench:capacity done in ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end: ${loadAverage()}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
