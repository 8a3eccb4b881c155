import { spawnMaster, type SpawnedMaster } from '@helix/testing';
import { produtosRobot } from './produtos-robot';
import { onboardActiveTenant, startTestRobot, type OnboardedTenant, type TestRobot } from './test-platform';

export interface ProdutosPlatform {
  master: SpawnedMaster;
  robot: TestRobot;
  /** An active tenant, on plan 1. */
  tenant: OnboardedTenant;
  /** The tenant's back-office headers: its key and its API key. */
  headers: Record<string, string>;
  close(): Promise<void>;
}

/** What a robot-core spec starts from: the real master as a process, a `produtosRobot` in this process, one active tenant. */
export async function startProdutosRobot(options: Parameters<typeof startTestRobot>[2] = {}): Promise<ProdutosPlatform> {
  const master = await spawnMaster();
  let robot: TestRobot | undefined;
  try {
    robot = await startTestRobot(produtosRobot, master, options);
    const tenant = await onboardActiveTenant(master, 'loja_produtos', 'carros');
    const running = robot;
    return {
      master,
      robot,
      tenant,
      headers: { 'X-Tenant-Key': tenant.key, Authorization: `Bearer ${tenant.apiKey}` },
      async close() {
        await running.close();
        await master.close();
      },
    };
  } catch (error) {
    await robot?.close();
    await master.close();
    throw error;
  }
}

/**
 * For a spec file: the produtos platform, started before its tests and closed after them. Call the
 * returned function inside tests (the platform exists only once beforeAll has run).
 */
export function useProdutosRobot(options: Parameters<typeof startTestRobot>[2] = {}): () => ProdutosPlatform {
  let platform: ProdutosPlatform | undefined;
  beforeAll(async () => {
    platform = await startProdutosRobot(options);
  });
  afterAll(async () => {
    await platform?.close();
  });
  return () => {
    if (!platform) throw new Error('the produtos platform starts in beforeAll: use it inside tests');
    return platform;
  };
}
