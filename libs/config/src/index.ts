export { ConfigError, DEV_SECRETS, httpTimeoutsOf, parseEnv, port, namedTokens, sqlNamePrefix } from './env';
export type { RobotInstance, SecretName } from './env';
export { loadMasterConfig, withMysqlUrl } from './master-config';
export type { MasterConfig } from './master-config';
export { loadRobotConfig, ROBOT_VERTICALS, robotServiceName, verticalOfService } from './robot-config';
export type { RobotConfig, RobotVertical } from './robot-config';
