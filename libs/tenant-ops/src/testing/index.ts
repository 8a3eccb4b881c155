export { tempInfra, addTemplateMigration, createTestOps } from './ops-fixtures';
