export { TEST_PREFIX_ROOT, testMysqlUrl, uniquePrefix, dropScope, databaseExists, databasesLike, usersLike } from './test-scope';
