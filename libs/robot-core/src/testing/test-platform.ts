import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadRobotConfig } from '@helix/config';
import { REQUEST_KINDS, type RobotVertical } from '@helix/contracts';
import { tenantDatabaseName } from '@helix/provisioning';
import { rootSql, type SpawnedMaster } from '@helix/testing';
import type { AiProvider } from '../ai';
import { createRobotApp, type RobotDefinition } from '../robot-app';
import { createRobotRuntime, type RobotRuntime } from '../robot-runtime';

export interface TestRobot {
  url: string;
  runtime: RobotRuntime;
  close(): Promise<void>;
}

export interface OnboardedTenant {
  key: string;
  apiKey: string;
  id: number;
  /** The owner's invite link, when onboarded with `emailResponsavel`. */
  conviteUrl: string | null;
  /** Whether the master e-mailed that link (only when it runs with SMTP_URL). */
  conviteEmail?: { enviado: boolean; erro?: string };
}

/**
 * A robot in this process, listening on a real port, talking to `masterUrl` over HTTP with real
 * MySQL underneath. Short cache and shipping intervals keep tests fast; `env` overrides any.
 */
export async function startTestRobot(
  definition: RobotDefinition,
  master: Pick<SpawnedMaster, 'url' | 'serviceTokens' | 'prefix'>,
  options: { env?: Record<string, string>; ai?: AiProvider; clock?: () => Date; port?: number } = {},
): Promise<TestRobot> {
  const config = loadRobotConfig(definition.catalogue.vertical, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MASTER_URL: master.url,
    SERVICE_TOKEN: master.serviceTokens[definition.catalogue.vertical],
    USAGE_SHIP_INTERVAL_MS: '50',
    // With REDIS_URL, the instances of one test share limits with each other and with nobody else.
    REDIS_KEY_PREFIX: `${master.prefix}:`,
    ...options.env,
  });
  const runtime = createRobotRuntime(config, { ai: options.ai, clock: options.clock });
  const server: Server = await new Promise((resolve) => {
    const listening = createRobotApp(definition, runtime).listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    runtime,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await runtime.close();
    },
  };
}

/** Root SQL on the spawned master's database (fixtures an admin endpoint does not cover). */
export const masterSql = <T = unknown>(master: SpawnedMaster, sql: string, params: unknown[] = []) =>
  rootSql<T>(sql, params, master.masterDb);

/** Root SQL inside a tenant's own database (to arrange data or inspect it). */
export const tenantSql = <T = unknown>(master: SpawnedMaster, robo: RobotVertical, key: string, sql: string, params: unknown[] = []) =>
  rootSql<T>(sql, params, tenantDatabaseName(master.prefix, robo, key));

/**
 * A plan whose request rates no test or benchmark reaches: what they measure is serving, not the
 * plan's rate limit (load loops, benchmarks taking thousands of requests a second). Returns its id.
 */
export async function createUnthrottledPlan(master: SpawnedMaster): Promise<number> {
  const rate = { por_minuto: 60_000, rajada: 60_000 };
  const created = await master.admin('POST', '/planos', {
    nome: 'Sem limite de taxa',
    preco_mensal: 0,
    limite_mensagens: 1_000_000,
    limite_tokens: 1_000_000_000,
    ...Object.fromEntries(
      REQUEST_KINDS.flatMap((kind) => [
        [`${kind}_por_minuto`, rate.por_minuto],
        [`${kind}_rajada`, rate.rajada],
      ]),
    ),
  });
  if (created.status !== 201) throw new Error(`could not create the unthrottled plan: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** One tenant through the master's real onboarding (POST /tenants). */
async function onboard(
  master: SpawnedMaster,
  key: string,
  robo: RobotVertical,
  extra: { plano_id?: number; dominio?: string; email_responsavel?: string } = {},
) {
  const created = await master.admin('POST', '/tenants', { tenant_key: key, nome: `Loja ${key}`, robo_tipo: robo, plano_id: 1, ...extra });
  if (created.status !== 201) throw new Error(`onboarding ${key} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** Activates the tenants' pending subscriptions in one statement (paying through Mercado Pago is not the point here). */
async function activateSubscriptions(master: SpawnedMaster, keys: readonly string[]): Promise<void> {
  await masterSql(
    master,
    `UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id
        SET a.status = 'active', a.data_inicio = NOW(), a.data_fim = NOW() + INTERVAL 30 DAY WHERE t.tenant_key IN (?)`,
    [keys],
  );
}

/** Onboards a tenant and activates its subscription. */
export async function onboardActiveTenant(
  master: SpawnedMaster,
  key: string,
  robo: RobotVertical,
  options: { planoId?: number; dominio?: string; emailResponsavel?: string } = {},
): Promise<OnboardedTenant> {
  const body = await onboard(master, key, robo, {
    ...(options.planoId ? { plano_id: options.planoId } : {}),
    ...(options.dominio ? { dominio: options.dominio } : {}),
    ...(options.emailResponsavel ? { email_responsavel: options.emailResponsavel } : {}),
  });
  await activateSubscriptions(master, [key]);
  return { key, apiKey: body.api_key, id: body.tenant.id, conviteUrl: body.convite_url, conviteEmail: body.convite_email };
}

/** Many active tenants through the master's real onboarding, `concurrency` at a time, on plan 1 unless `planoId` says. */
export async function onboardManyActiveTenants(
  master: SpawnedMaster,
  keyPrefix: string,
  count: number,
  robo: RobotVertical,
  { concurrency = 4, planoId }: { concurrency?: number; planoId?: number } = {},
) {
  const keys = Array.from({ length: count }, (_, i) => `${keyPrefix}${String(i).padStart(4, '0')}`);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) await onboard(master, keys[next++], robo, planoId ? { plano_id: planoId } : {});
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await activateSubscriptions(master, keys);
  return keys;
}
