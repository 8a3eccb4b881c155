import { loadMasterConfig, withMysqlUrl, DEV_SECRETS, ConfigError } from '@helix/config';
import { ensureMysqlServer } from '@helix/db';
import { createLogger } from '@helix/http';
import { prepareMaster } from './master-runtime';

async function main() {
  let config = loadMasterConfig();
  const logger = createLogger('master-api', config.LOG_LEVEL);
  config = withMysqlUrl(config, await ensureMysqlServer(config.MYSQL_URL, config.MYSQL_DATA_DIR, (m) => logger.warn(m)));
  const master = await prepareMaster(config, logger);
  const server = master.app.listen(config.MASTER_PORT, () => {
    logger.info(`master-api ouvindo em http://localhost:${config.MASTER_PORT} (documentação em /docs)`);
    if (config.NODE_ENV !== 'production' && config.ADMIN_PASSWORD === DEV_SECRETS.ADMIN_PASSWORD) {
      logger.warn(`admin de desenvolvimento: ${config.ADMIN_EMAIL} / ${config.ADMIN_PASSWORD} (defina ADMIN_PASSWORD em produção)`);
    }
  });
  const shutdown = () => {
    server.close(() => void master.close().then(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error) => {
  // Start-up failures are for a person at a terminal: the message, not a stack.
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
