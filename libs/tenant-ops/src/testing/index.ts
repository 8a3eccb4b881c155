export { tempInfra, addTemplateMigration, createTestOps, opsContextFor } from './ops-fixtures';
