export {
  TEST_PREFIX_ROOT,
  TEST_RUN_ENV,
  testMysqlUrl,
  uniquePrefix,
  dropScope,
  databaseExists,
  databasesLike,
  usersLike,
  likePrefix,
  rootSql,
} from './test-scope';
export { startTestRun, dropDeadRuns } from './test-run';
export type { TestRun } from './test-run';
export { spawnMaster, SPAWNED_ADMIN, SPAWNED_SERVICE_TOKENS } from './spawn-master';
export type { SpawnedMaster } from './spawn-master';
export { spawnRobot } from './spawn-robot';
export type { SpawnedRobot } from './spawn-robot';
export { sampleConnections } from './connection-sampler';
export { eventually } from './eventually';
export { waitForHttp } from './wait-for-http';
export { urlAs, connectAs, roleExists, countRowsThroughGateway, queryAsCatalogueReader, countRowsAsCatalogueReader } from './mysql-logins';
export type { Login, GatewayAccess, CatalogueReaderAccess } from './mysql-logins';
export { redoclyProblems } from './openapi-lint';
export type { OpenApiProblem } from './openapi-lint';
export { insertRegistryTenants, activateSubscriptions } from './registry-fixtures';
export { closeInOrder } from './close-in-order';
export { startTestSmtpServer } from './test-smtp-server';
export type { ReceivedMail, TestSmtpServer } from './test-smtp-server';
export { startGaleraCluster, GALERA_PROVIDER } from './galera-cluster';
export type { GaleraCluster, GaleraClusterOptions, GaleraNode, GaleraNodeStatus, StateTransfer } from './galera-cluster';
export { startPrivateServers } from './private-servers';
export { CARROS_TENANT_TABLES } from './tenant-tables';
