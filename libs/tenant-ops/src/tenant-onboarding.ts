import { STAFF_INVITE_TTL_SECONDS, staffInviteUrl } from '@helix/contracts';
import { isNodeFailure, type SchemaVersions } from '@helix/db';
import type { Logger } from '@helix/http';
import { tenantAccess, tenantDatabaseName, tenantUserName, type TenantDatabaseAdmin } from '@helix/provisioning';
import { generateApiKey, generatePassword, type SecretBox } from '@helix/secrets';
import { newInvite, type InviteEmailOutcome, type InviteMailer } from '@helix/sessions';
import type { OnboardTenantInput } from './onboarding.schema';
import type { AdminServers } from './admin-servers';
import type { OpsContext } from './ops-context';
import { placementFor, type TenantPlacement } from './placement';
import { openPendingSubscription } from './subscription-records';
import { errorMessage, TenantOpsError, TenantOpsErrorCode } from './tenant-ops.error';
import type { TenantRegistry } from './tenant-registry';
import { serverLabel } from './tenant-servers';

/** The steps of onboarding, in order; each one's work is undone if a later one fails. */
export const ONBOARDING_STEPS = ['registro', 'banco', 'schema', 'equipe', 'principal', 'ativacao'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** Test seam: called after each step's work, so a test can fail onboarding exactly there. */
export type OnboardingFaults = (step: OnboardingStep) => void | Promise<void>;

/** A database, user or role already on the server that no tenant row owns: refused, never adopted or dropped. */
const LEFTOVER_CONFLICTS: Record<string, { code: TenantOpsErrorCode; message: string }> = {
  ER_DB_CREATE_EXISTS: {
    code: TenantOpsErrorCode.DATABASE_EXISTS,
    message: 'Já existe um banco com o nome deste cliente no servidor; verifique com a operação.',
  },
  // CREATE USER and CREATE ROLE both fail with it: a leftover user or role of this tenant's name.
  ER_CANNOT_USER: {
    code: TenantOpsErrorCode.PRINCIPAL_EXISTS,
    message: 'Já existe um usuário ou papel MySQL com o nome deste cliente no servidor; verifique com a operação.',
  },
};

export interface OnboardingDeps {
  registry: TenantRegistry;
  /** DDL on the fleet's servers, with TENANT_DB_URL's admin account. */
  servers: AdminServers;
  /** Which server of the fleet a new tenant goes to. */
  placement: TenantPlacement;
  /** TENANT_DB_USER_HOST: host part of tenant principals. */
  userHost: string;
  secretBox: SecretBox;
  /** TENANT_DB_PREFIX. */
  prefix: string;
  /** WEB_BASE_URL: the owner's invite link opens the store's own panel. */
  webBaseUrl: string;
  /** SMTP_URL: e-mails the owner's invite once onboarding has committed. */
  mailer?: InviteMailer;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  faults?: OnboardingFaults;
}

export interface OnboardedTenant {
  id: number;
  tenant_key: string;
  database_name: string;
  /** Where placement put its database: `host:port`. */
  servidor: string;
  /** The version reached in each series of the template, e.g. `{ base: 3, carros: 2 }`. */
  schema_version: SchemaVersions;
  /** Shown once: only its hash is stored. */
  api_key: string;
  assinatura: { id: number; plano_id: number; status: 'pending' } | null;
  /** The owner's one-time link to set a password (`email_responsavel`), shown once: only its hash is stored. Null without an owner. */
  convite_url: string | null;
  /** Whether the invite was e-mailed to `email_responsavel`: only with an owner and SMTP_URL set. */
  convite_email?: InviteEmailOutcome;
}

/** Onboarding as the CLI runs it: the same code as `POST /tenants`, on the ops context's servers. */
export function onboardingFor(ctx: OpsContext, logger?: OnboardingDeps['logger']): TenantOnboarding {
  return new TenantOnboarding({
    registry: ctx.registry,
    servers: ctx.servers,
    placement: placementFor(ctx),
    userHost: ctx.userHost,
    secretBox: ctx.secretBox,
    prefix: ctx.prefix,
    webBaseUrl: ctx.webBaseUrl,
    mailer: ctx.mailer,
    logger,
  });
}

/**
 * The seed's setup-empresa, all or nothing: the registry row (status `provisioning`) reserves key,
 * domain and database name; the database, its template and its principal follow; one transaction
 * activates the tenant and opens its pending subscription. Any failure undoes what this call
 * created, in reverse. If the process dies midway, the row stays `provisioning` and
 * `recoverInterrupted` (run by master-api at start) removes it and its leftovers.
 */
export class TenantOnboarding {
  constructor(private readonly deps: OnboardingDeps) {}

  /** The invite is e-mailed only after the tenant is active: a mail failure never undoes onboarding. */
  async onboard(input: OnboardTenantInput): Promise<OnboardedTenant> {
    const onboarded = await this.create(input);
    const { mailer } = this.deps;
    if (!mailer || !onboarded.convite_url || !input.email_responsavel) return onboarded;
    const convite_email = await mailer.send({ para: input.email_responsavel, loja: input.nome, url: onboarded.convite_url });
    return { ...onboarded, convite_email };
  }

  private async create(input: OnboardTenantInput): Promise<OnboardedTenant> {
    const { registry, secretBox, logger } = this.deps;
    if (input.plano_id !== undefined && !(await registry.planIsActive(input.plano_id))) {
      throw new TenantOpsError(TenantOpsErrorCode.PLANO_NOT_FOUND, `Plano ${input.plano_id} não existe ou está inativo.`);
    }
    const placed = await this.deps.placement.choose();
    const server = { host: placed.host, port: placed.port };
    const admin = this.deps.servers.admin(server);
    const database = tenantDatabaseName(this.deps.prefix, input.robo_tipo, input.tenant_key);
    const principal = { user: tenantUserName(this.deps.prefix, database), host: this.deps.userHost, password: generatePassword() };
    const apiKey = generateApiKey();

    const reservation = await registry.reserve({
      tenant_key: input.tenant_key,
      nome: input.nome,
      dominio: input.dominio ?? null,
      robo_tipo: input.robo_tipo,
      database_name: database,
      db_host: server.host,
      db_port: server.port,
      db_user: principal.user,
    });
    const undo: { step: OnboardingStep; run: () => Promise<void> }[] = [{ step: 'registro', run: reservation.release }];
    let step: OnboardingStep = 'registro';
    try {
      await this.fault(step);

      step = 'banco';
      await admin.createDatabase(database);
      undo.push({ step, run: () => admin.dropDatabase(database) });
      await this.fault(step);

      step = 'schema';
      const schemaVersion = await admin.applyTemplate(database, input.robo_tipo);
      await this.fault(step);

      // In the new database, which the undo of 'banco' drops with it.
      step = 'equipe';
      const conviteUrl = await this.inviteOwner(admin, database, input);
      await this.fault(step);

      step = 'principal';
      const gateway_geracao = await registry.gateways.current({ ...server, robo: input.robo_tipo });
      const access = tenantAccess(secretBox, {
        db_user: principal.user,
        robo_tipo: input.robo_tipo,
        db_host: server.host,
        db_port: server.port,
        gateway_geracao,
      });
      await admin.createPrincipal(principal, database, access);
      undo.push({ step, run: () => admin.dropPrincipal(principal.user, principal.host, database, input.robo_tipo) });
      await this.fault(step);

      step = 'ativacao';
      const secrets = {
        db_password_enc: secretBox.seal(principal.password),
        api_key_hash: apiKey.hash,
        api_key_prefix: apiKey.displayPrefix,
      };
      const assinatura = await registry.activate(reservation.id, secrets, async (connection) => {
        const opened =
          input.plano_id === undefined
            ? null
            : {
                id: await openPendingSubscription(connection, reservation.id, input.plano_id, { origem: 'sistema', autor: 'onboarding' }),
                plano_id: input.plano_id,
                status: 'pending' as const,
              };
        await this.fault('ativacao');
        return opened;
      });
      logger?.info({ tenant_key: input.tenant_key, database, servidor: serverLabel(server) }, 'tenant onboarded');
      return {
        id: reservation.id,
        tenant_key: input.tenant_key,
        database_name: database,
        servidor: serverLabel(server),
        schema_version: schemaVersion,
        api_key: apiKey.apiKey,
        assinatura: assinatura ?? null,
        convite_url: conviteUrl,
      };
    } catch (error) {
      // The activation lost its master node: its COMMIT may have taken effect on the cluster, and undoing
      // would leave an active tenant without a database. Nothing is undone; the masters' recovery sweep
      // (recoverInterrupted) removes what stayed 'provisioning'.
      if (step === 'ativacao' && isNodeFailure(error)) throw this.activationInDoubt(input.tenant_key, error);
      await this.rollback(undo, input.tenant_key);
      throw this.failure(step, error);
    }
  }

  private async inviteOwner(admin: TenantDatabaseAdmin, database: string, input: OnboardTenantInput): Promise<string | null> {
    if (input.email_responsavel === undefined) return null;
    const invite = newInvite(new Date(), STAFF_INVITE_TTL_SECONDS);
    await admin.createStoreOwner(database, {
      email: input.email_responsavel,
      nome: 'Responsável',
      conviteHash: invite.hash,
      conviteExpiraEm: invite.expiresAt,
    });
    return staffInviteUrl(this.deps.webBaseUrl, { tenant_key: input.tenant_key, dominio: input.dominio ?? null }, invite.token);
  }

  /** Reverse order; a failed undo stops before deleting the row, so the recovery sweep retries it. */
  private async rollback(undo: { step: OnboardingStep; run: () => Promise<void> }[], tenantKey: string): Promise<void> {
    for (const { step, run } of [...undo].reverse()) {
      try {
        await run();
      } catch (error) {
        this.deps.logger?.error({ err: error, tenant_key: tenantKey, step }, 'onboarding rollback failed; left for recovery');
        return;
      }
    }
  }

  private failure(step: OnboardingStep, error: unknown): TenantOpsError {
    const leftover = LEFTOVER_CONFLICTS[(error as { code?: string }).code ?? ''];
    if (leftover) return new TenantOpsError(leftover.code, leftover.message, { etapa: step });
    this.deps.logger?.error({ err: error, step }, 'onboarding failed');
    return new TenantOpsError(
      TenantOpsErrorCode.ONBOARDING_FAILED,
      `Falha ao criar o cliente na etapa '${step}'. Nada foi criado; tente novamente.`,
      { etapa: step },
      { cause: error },
    );
  }

  private activationInDoubt(tenantKey: string, error: unknown): TenantOpsError {
    this.deps.logger?.error(
      { err: error, tenant_key: tenantKey },
      'onboarding activation in doubt: master database node lost; nothing undone',
    );
    return new TenantOpsError(
      TenantOpsErrorCode.ONBOARDING_FAILED,
      `A conexão com o banco master caiu ao ativar o cliente '${tenantKey}', que pode ter sido criado. Consulte-o antes de tentar de novo; se ficou incompleto, será removido automaticamente em até 15 minutos.`,
      { etapa: 'ativacao' },
      { cause: error },
    );
  }

  private async fault(step: OnboardingStep): Promise<void> {
    await this.deps.faults?.(step);
  }

  /**
   * Removes onboardings a crash left half-done (older than `olderThanSeconds`): principal, database,
   * row, on whichever server each was placed. One whose server does not answer (or whose cleanup fails)
   * is left for the next sweep rather than stopping this one. Returns how many were removed.
   */
  async recoverInterrupted(olderThanSeconds: number): Promise<number> {
    const { registry, servers, userHost, logger } = this.deps;
    const stale = await registry.findStaleProvisioning(olderThanSeconds);
    let removed = 0;
    for (const row of stale) {
      const admin = servers.admin({ host: row.db_host, port: row.db_port });
      try {
        await admin.dropPrincipal(row.db_user, userHost, row.database_name, row.robo_tipo);
        await admin.dropDatabase(row.database_name);
      } catch (error) {
        logger?.warn(
          { tenant_key: row.tenant_key, servidor: `${row.db_host}:${row.db_port}`, err: errorMessage(error) },
          'interrupted onboarding left for the next sweep: its cleanup on its server failed',
        );
        continue;
      }
      await registry.deleteProvisioning(row.id);
      logger?.warn({ tenant_key: row.tenant_key }, 'removed an interrupted onboarding');
      removed += 1;
    }
    return removed;
  }
}
