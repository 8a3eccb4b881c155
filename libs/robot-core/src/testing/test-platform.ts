import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { loadRobotConfig } from '@helix/config';
import { connectOnce, quoteIdentifier } from '@helix/db';
import { testMysqlUrl, type SpawnedMaster } from '@helix/testing';
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
}

/**
 * A robot in this process, listening on a real port, talking to `masterUrl` over HTTP with real
 * MySQL underneath. Short cache and shipping intervals keep tests fast; `env` overrides any.
 */
export async function startTestRobot(
  definition: RobotDefinition,
  master: Pick<SpawnedMaster, 'url' | 'serviceToken'>,
  options: { env?: Record<string, string>; ai?: AiProvider } = {},
): Promise<TestRobot> {
  const config = loadRobotConfig(definition.catalogue.vertical, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    MASTER_URL: master.url,
    SERVICE_TOKEN: master.serviceToken,
    USAGE_SHIP_INTERVAL_MS: '50',
    ...options.env,
  });
  const runtime = createRobotRuntime(config, { ai: options.ai });
  const server: Server = await new Promise((resolve) => {
    const listening = createRobotApp(definition, runtime).listen(0, '127.0.0.1', () => resolve(listening));
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

/** Runs SQL as root on the spawned master's database (fixtures an admin endpoint does not cover). */
export async function masterSql<T = unknown>(master: SpawnedMaster, sql: string, params: unknown[] = []): Promise<T> {
  const connection = await connectOnce(testMysqlUrl());
  try {
    await connection.query(`USE ${quoteIdentifier(master.masterDb)}`);
    return (await connection.query(sql, params))[0] as T;
  } finally {
    await connection.end();
  }
}

/** Onboards a tenant through the master's admin API and activates its subscription. */
export async function onboardActiveTenant(
  master: SpawnedMaster,
  key: string,
  robo: 'carros' | 'imoveis',
  options: { planoId?: number; dominio?: string } = {},
): Promise<OnboardedTenant> {
  const created = await master.admin('POST', '/tenants', {
    tenant_key: key,
    nome: `Loja ${key}`,
    robo_tipo: robo,
    plano_id: options.planoId ?? 1,
    ...(options.dominio ? { dominio: options.dominio } : {}),
  });
  if (created.status !== 201) throw new Error(`onboarding ${key} failed: ${created.status} ${JSON.stringify(created.body)}`);
  await masterSql(
    master,
    `UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id
        SET a.status = 'active', a.data_inicio = NOW(), a.data_fim = NOW() + INTERVAL 30 DAY WHERE t.tenant_key = ?`,
    [key],
  );
  return { key, apiKey: created.body.api_key, id: created.body.id ?? created.body.tenant?.id };
}

/** Root SQL inside a tenant's own database (to arrange data or inspect it). */
export async function tenantSql<T = unknown>(master: SpawnedMaster, robo: string, key: string, sql: string, params: unknown[] = []): Promise<T> {
  const connection = await connectOnce(testMysqlUrl());
  try {
    await connection.query(`USE ${quoteIdentifier(`${master.prefix}${robo}_${key}`)}`);
    return (await connection.query(sql, params))[0] as T;
  } finally {
    await connection.end();
  }
}

/** Many active tenants through the master's real onboarding, `concurrency` at a time. */
export async function onboardManyActiveTenants(master: SpawnedMaster, keyPrefix: string, count: number, robo: 'carros' | 'imoveis', concurrency = 4) {
  const keys = Array.from({ length: count }, (_, i) => `${keyPrefix}${String(i).padStart(4, '0')}`);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      const created = await master.admin('POST', '/tenants', { tenant_key: key, nome: `Loja ${key}`, robo_tipo: robo, plano_id: 1 });
      if (created.status !== 201) throw new Error(`onboarding ${key} failed: ${created.status} ${JSON.stringify(created.body)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await masterSql(
    master,
    `UPDATE assinaturas a JOIN tenants t ON t.id = a.tenant_id
        SET a.status = 'active', a.data_inicio = NOW(), a.data_fim = NOW() + INTERVAL 30 DAY WHERE t.tenant_key LIKE ?`,
    [`${keyPrefix.replace(/_/g, '\\_')}%`],
  );
  return keys;
}
