export { startTestRobot, onboardActiveTenant, masterSql, tenantSql } from './test-platform';
export type { TestRobot, OnboardedTenant } from './test-platform';
