import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { TENANT_STATUSES, type RobotVertical } from '@helix/contracts';
import { offboardTenant, type OpsContext } from '@helix/tenant-ops';
import { loadDemoStores, type DemoStore } from './demo-catalogue';
import { callService } from './platform-client';

/** Where each vertical's catalogue is written (the robots' routes). */
const CATALOGUE_PATHS: Record<RobotVertical, string> = { carros: '/veiculos', imoveis: '/imoveis' };

export interface DemoTargets {
  masterUrl: string;
  admin: { email: string; password: string };
  /** One instance of each robot. */
  robots: Record<RobotVertical, string>;
  infraDir: string;
}

export interface SeededStore {
  tenant_key: string;
  nome: string;
  itens: number;
  /** The owner's `/painel` account: its password is shown here only. */
  dono: { email: string; senha: string };
}

export type DemoOutcome =
  | { status: 'criadas'; lojas: SeededStore[]; existentes: string[] }
  /** The master serves real clients: a demo never goes there. */
  | { status: 'master_com_clientes' };

interface Onboarded {
  api_key: string;
  assinatura: { id: number } | null;
  convite_url: string;
}

/**
 * The demo stores, through the platform's public APIs (the master's admin API, then each robot's),
 * on a master that has no clients but them. Each store is all-or-nothing: a store that fails after
 * its onboarding is offboarded before the error is reported; stores already there are left alone,
 * so a later run creates only what is missing.
 */
export async function seedDemo(ctx: OpsContext, targets: DemoTargets): Promise<DemoOutcome> {
  const stores = await loadDemoStores(targets.infraDir);
  const demoKeys = new Set(stores.map((store) => store.tenant_key));
  const registered = new Set<string>();
  for await (const tenant of ctx.registry.iterate({ statuses: TENANT_STATUSES })) {
    if (!demoKeys.has(tenant.tenant_key)) return { status: 'master_com_clientes' };
    registered.add(tenant.tenant_key);
  }
  const missing = stores.filter((store) => !registered.has(store.tenant_key));
  if (missing.length === 0) return { status: 'criadas', lojas: [], existentes: [...registered] };

  const { token } = await callService<{ token: string }>(targets.masterUrl, 'POST', '/auth/login', {
    body: { email: targets.admin.email, password: targets.admin.password },
  });
  const planos = await callService<{ data: Array<{ id: number; nome: string; ativo: boolean }> }>(targets.masterUrl, 'GET', '/planos', {
    token,
  });
  const plano = planos.data.find((p) => p.ativo && p.nome === 'Profissional') ?? planos.data.find((p) => p.ativo);
  if (!plano) throw new Error('nenhum plano ativo no master para as lojas de demonstração');

  const lojas: SeededStore[] = [];
  for (const store of missing) {
    const onboarded = await callService<Onboarded>(targets.masterUrl, 'POST', '/tenants', {
      token,
      body: {
        tenant_key: store.tenant_key,
        nome: store.nome,
        robo_tipo: store.robo_tipo,
        plano_id: plano.id,
        email_responsavel: store.email_responsavel,
      },
    });
    try {
      lojas.push(await furnish(store, onboarded, token, targets));
    } catch (error) {
      await offboardTenant(ctx, store.tenant_key, path.join(os.tmpdir(), `helix-demo-${store.tenant_key}-${Date.now()}.sql`));
      throw new Error(`loja de demonstração ${store.tenant_key} desfeita: ${(error as Error).message}`, { cause: error });
    }
  }
  return { status: 'criadas', lojas, existentes: [...registered] };
}

/** An onboarded store made ready: paid, dressed, stocked with photos, and its owner's password set. */
async function furnish(
  store: DemoStore & { photoPath: (foto: string) => string },
  onboarded: Onboarded,
  adminToken: string,
  targets: DemoTargets,
): Promise<SeededStore> {
  const master = (method: string, route: string, body: unknown) =>
    callService(targets.masterUrl, method, route, { token: adminToken, body });
  if (!onboarded.assinatura) throw new Error('o onboarding não abriu a assinatura');
  await master('PATCH', `/assinaturas/${onboarded.assinatura.id}`, { status: 'active', motivo: 'loja de demonstração' });
  await master('PATCH', `/tenants/${store.tenant_key}`, { cor_primaria: store.cor_primaria });

  const robot = targets.robots[store.robo_tipo];
  const asStore = { token: onboarded.api_key, tenantKey: store.tenant_key };
  const catalogue = CATALOGUE_PATHS[store.robo_tipo];
  for (const item of store.itens) {
    const { id } = await callService<{ id: number }>(robot, 'POST', catalogue, { ...asStore, body: item.dados });
    await callService(robot, 'POST', `${catalogue}/${id}/fotos/arquivo`, {
      ...asStore,
      file: { field: 'arquivo', path: store.photoPath(item.foto), type: 'image/jpeg' },
    });
  }

  const senha = randomBytes(12).toString('base64url');
  const invite = new URL(onboarded.convite_url).hash.slice(1);
  await callService(robot, 'POST', '/equipe/convite/aceitar', { tenantKey: store.tenant_key, body: { token: invite, senha } });
  return { tenant_key: store.tenant_key, nome: store.nome, itens: store.itens.length, dono: { email: store.email_responsavel, senha } };
}
