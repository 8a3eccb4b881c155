export { ConfigError, DEV_SECRETS, httpTimeoutsOf, parseEnv, port, namedTokens, sqlNamePrefix } from './env';
export type { RobotInstance, SecretName } from './env';
export { loadMasterConfig, withMysqlUrl } from './master-config';
export type { MasterConfig } from './master-config';
export { loadRobotConfig, robotServiceName, verticalOfService } from './robot-config';
export type { RobotConfig } from './robot-config';
export { loadWebConfig } from './web-config';
export type { WebConfig } from './web-config';
