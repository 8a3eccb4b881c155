import type { MasterConfig } from '@helix/config';
import { createMasterPool, type Pool } from '@helix/db';
import { loadTenantTemplates, type TenantTemplates } from '@helix/provisioning';
import { SecretBox } from '@helix/secrets';
import { inviteMailerFor, type InviteMailer } from '@helix/sessions';
import { AdminServers } from './admin-servers';
import { RobotNotifier } from './robot-notifier';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import { TenantRegistry } from './tenant-registry';
import { registerHomeServer } from './tenant-servers';

/** Everything a tenant operation needs, built from the same environment as master-api. */
export interface OpsContext {
  master: Pool;
  registry: TenantRegistry;
  servers: AdminServers;
  templates: TenantTemplates;
  secretBox: SecretBox;
  /** Every robot instance, told when a tenant moves. */
  robots: RobotNotifier;
  /** TENANT_DB_PREFIX: names of tenant databases and users. */
  prefix: string;
  /** TENANT_DB_USER_HOST: host part of tenant principals. */
  userHost: string;
  /** WEB_BASE_URL: where stores open in the browser (invite links). */
  webBaseUrl: string;
  /** SMTP_URL: e-mails new owners' invites (unset: none). */
  mailer?: InviteMailer;
  close(): Promise<void>;
}

/** `adminConnections`: the bound of each server's admin pool (the parallelism of `migrate`). */
export async function createOpsContext(config: MasterConfig, adminConnections = 4): Promise<OpsContext> {
  const templates = await loadTenantTemplates(config.INFRA_DIR);
  const master = createMasterPool(config.MASTER_DB_URLS, { database: config.MASTER_DB, connectionLimit: 2 });
  try {
    await master.query('SELECT 1 FROM tenants LIMIT 1');
  } catch (error) {
    await master.end();
    throw new TenantOpsError(
      TenantOpsErrorCode.MASTER_UNAVAILABLE,
      `O registro de clientes (${config.MASTER_DB} em ${config.MASTER_DB_URLS.map((url) => url.replace(/\/\/[^@]*@/, '//')).join(', ')}) não está acessível: ${errorMessage(error)}. Confira MASTER_DB_URLS (ou MYSQL_URL)/MASTER_DB ou inicie o master-api, que cria e migra o banco master.`,
    );
  }
  const servers = new AdminServers(config.TENANT_DB_URL, templates, adminConnections);
  // An existing deployment's TENANT_DB_URL server joins the fleet registry with nobody doing anything.
  await registerHomeServer(master, servers.home).catch(async (error) => {
    await master.end();
    throw error;
  });
  return {
    master,
    registry: new TenantRegistry(master),
    servers,
    templates,
    secretBox: new SecretBox(config.TENANT_SECRET_KEY),
    robots: new RobotNotifier(config.ROBOT_URLS, config.SERVICE_TOKENS),
    prefix: config.TENANT_DB_PREFIX,
    userHost: config.TENANT_DB_USER_HOST,
    webBaseUrl: config.WEB_BASE_URL,
    mailer: inviteMailerFor(config),
    async close() {
      await Promise.all([master.end(), servers.close()]);
    },
  };
}
