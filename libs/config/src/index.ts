export { ConfigError, DEV_SECRETS, parseEnv, port, namedTokens, sqlNamePrefix } from './env';
export type { SecretName } from './env';
export { loadMasterConfig, withMysqlUrl } from './master-config';
export type { MasterConfig } from './master-config';
