export { startTestRobot, onboardActiveTenant, onboardManyActiveTenants, masterSql, tenantSql } from './test-platform';
export type { TestRobot, OnboardedTenant } from './test-platform';
