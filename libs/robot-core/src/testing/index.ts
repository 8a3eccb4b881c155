export {
  startTestRobot,
  onboardActiveTenant,
  onboardManyActiveTenants,
  createUnthrottledPlan,
  masterSql,
  tenantSql,
} from './test-platform';
export type { TestRobot, OnboardedTenant } from './test-platform';
export { slotInDays } from './upcoming-slot';
export { useRobotPlatform, type RobotPlatform } from './use-robot-platform';
