import { classifyMysqlError, type Pool } from '@helix/db';
import { AppError, toAppError, type Logger } from '@helix/http';
import { tenantDatabaseName, tenantUserName, type TenantDatabaseAdmin } from '@helix/provisioning';
import { generateApiKey, generatePassword, type SecretBox } from '@helix/secrets';
import type { AssinaturasRepository } from '../assinaturas/assinaturas.repository';
import type { PlanosRepository } from '../planos/planos.repository';
import type { CreateTenantInput } from './tenants.schema';
import type { TenantRow, TenantsRepository } from './tenants.repository';
import { toTenantView, type TenantView } from './tenant.view';

/** The steps of onboarding, in order; each one's work is undone if a later one fails. */
export const ONBOARDING_STEPS = ['registro', 'banco', 'schema', 'principal', 'ativacao'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** A database or user already on the server that no tenant row owns: refused, never adopted or dropped. */
const LEFTOVER_CONFLICTS: Record<string, { code: string; message: string }> = {
  ER_DB_CREATE_EXISTS: { code: 'DATABASE_EXISTS', message: 'Já existe um banco com o nome deste cliente no servidor; verifique com a operação.' },
  ER_CANNOT_USER: { code: 'PRINCIPAL_EXISTS', message: 'Já existe um usuário MySQL com o nome deste cliente no servidor; verifique com a operação.' },
};

/** Test seam: called after each step's work, so a test can fail onboarding exactly there. */
export type OnboardingFaults = (step: OnboardingStep) => void | Promise<void>;

export interface TenantServer {
  admin: TenantDatabaseAdmin;
  host: string;
  port: number;
  userHost: string;
}

export interface OnboardingResult {
  tenant: TenantView;
  database_name: string;
  schema_version: number;
  api_key: string;
  assinatura: { id: number; plano_id: number; status: 'pending' } | null;
}

/**
 * One call, all or nothing: the registry row (status `provisioning`) reserves key, domain and
 * database name; the database, its template and its principal follow; one transaction activates.
 * Any failure undoes what this call created, in reverse. If the process dies midway, the row
 * stays `provisioning` and `recoverInterrupted` removes it and its leftovers on the next start.
 */
export class OnboardingService {
  constructor(
    private readonly deps: {
      db: Pool;
      tenants: TenantsRepository;
      planos: PlanosRepository;
      assinaturas: AssinaturasRepository;
      server: TenantServer;
      secretBox: SecretBox;
      databasePrefix: string;
      logger: Logger;
      faults?: OnboardingFaults;
    },
  ) {}

  async onboard(input: CreateTenantInput): Promise<OnboardingResult> {
    const { tenants, server, secretBox, logger } = this.deps;
    if (input.plano_id !== undefined && !(await this.deps.planos.findActive(input.plano_id))) {
      throw new AppError(422, 'PLANO_NOT_FOUND', `Plano ${input.plano_id} não existe ou está inativo.`);
    }
    const database = tenantDatabaseName(this.deps.databasePrefix, input.robo_tipo, input.tenant_key);
    const principal = { user: tenantUserName(this.deps.databasePrefix, database), host: server.userHost, password: generatePassword() };
    const apiKey = generateApiKey();

    const tenantId = await tenants.insertProvisioning({
      tenant_key: input.tenant_key,
      nome: input.nome,
      dominio: input.dominio ?? null,
      robo_tipo: input.robo_tipo,
      database_name: database,
      db_host: server.host,
      db_port: server.port,
      db_user: principal.user,
    });
    const undo: { step: OnboardingStep; run: () => Promise<void> }[] = [
      { step: 'registro', run: () => tenants.deleteProvisioning(tenantId) },
    ];
    let step: OnboardingStep = 'registro';
    try {
      await this.fault(step);

      step = 'banco';
      await server.admin.createDatabase(database);
      undo.push({ step, run: () => server.admin.dropDatabase(database) });
      await this.fault(step);

      step = 'schema';
      const schemaVersion = await server.admin.applyTemplate(database, input.robo_tipo);
      await this.fault(step);

      step = 'principal';
      await server.admin.createPrincipal(principal, database);
      undo.push({ step, run: () => server.admin.dropPrincipal(principal.user, principal.host) });
      await this.fault(step);

      step = 'ativacao';
      const assinatura = await this.activate(tenantId, input.plano_id, {
        db_password_enc: secretBox.seal(principal.password),
        api_key_hash: apiKey.hash,
        api_key_prefix: apiKey.displayPrefix,
      });
      const row = await tenants.findByKey(input.tenant_key);
      logger.info({ tenant_key: input.tenant_key, database }, 'tenant onboarded');
      return {
        tenant: toTenantView(row as TenantRow),
        database_name: database,
        schema_version: schemaVersion,
        api_key: apiKey.apiKey,
        assinatura,
      };
    } catch (error) {
      await this.rollback(undo, input.tenant_key);
      throw this.failure(step, error);
    }
  }

  private async activate(
    tenantId: number,
    planoId: number | undefined,
    secrets: { db_password_enc: string; api_key_hash: string; api_key_prefix: string },
  ): Promise<OnboardingResult['assinatura']> {
    const connection = await this.deps.db.getConnection();
    try {
      await connection.beginTransaction();
      await this.deps.tenants.activate(connection, tenantId, secrets);
      const assinatura =
        planoId === undefined
          ? null
          : { id: await this.deps.assinaturas.insertPending(connection, tenantId, planoId), plano_id: planoId, status: 'pending' as const };
      await this.fault('ativacao');
      await connection.commit();
      return assinatura;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** Reverse order; a failed undo stops before deleting the row, so the recovery sweep retries it. */
  private async rollback(undo: { step: OnboardingStep; run: () => Promise<void> }[], tenantKey: string): Promise<void> {
    for (const { step, run } of [...undo].reverse()) {
      try {
        await run();
      } catch (error) {
        this.deps.logger.error({ err: error, tenant_key: tenantKey, step }, 'onboarding rollback failed; left for recovery');
        return;
      }
    }
  }

  private failure(step: OnboardingStep, error: unknown): AppError {
    const known = toAppError(error);
    if (step === 'registro' && known && known.status < 500) return known;
    const leftover = LEFTOVER_CONFLICTS[(error as { code?: string }).code ?? ''];
    if (leftover) return new AppError(409, leftover.code, leftover.message, { etapa: step });
    this.deps.logger.error({ err: error, step }, 'onboarding failed');
    return new AppError(
      classifyMysqlError(error) === 'unavailable' ? 503 : 500,
      'ONBOARDING_FAILED',
      `Falha ao criar o cliente na etapa '${step}'. Nada foi criado; tente novamente.`,
      { etapa: step },
    );
  }

  private async fault(step: OnboardingStep): Promise<void> {
    await this.deps.faults?.(step);
  }

  /** Removes onboardings a crash left half-done (older than `olderThanSeconds`): principal, database, row. */
  async recoverInterrupted(olderThanSeconds: number): Promise<number> {
    const stale = await this.deps.tenants.findStaleProvisioning(olderThanSeconds);
    for (const row of stale) {
      await this.deps.server.admin.dropPrincipal(row.db_user, this.deps.server.userHost);
      await this.deps.server.admin.dropDatabase(row.database_name);
      await this.deps.tenants.deleteProvisioning(row.id);
      this.deps.logger.warn({ tenant_key: row.tenant_key }, 'removed an interrupted onboarding');
    }
    return stale.length;
  }
}
