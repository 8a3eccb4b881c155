export { TEST_PREFIX_ROOT, testMysqlUrl, uniquePrefix, dropScope, databaseExists, databasesLike, usersLike, likePrefix, rootSql } from './test-scope';
export { spawnMaster, SPAWNED_ADMIN, SPAWNED_SERVICE_TOKENS } from './spawn-master';
export type { SpawnedMaster } from './spawn-master';
export { sampleConnections } from './connection-sampler';
export { eventually } from './eventually';
export { waitForHttp } from './wait-for-http';
export { urlAs, connectAs, roleExists, countRowsThroughGateway } from './mysql-logins';
export type { Login, GatewayAccess } from './mysql-logins';
