import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RobotVertical } from '@helix/contracts';
import type { WebPlatform } from '@helix/testing/web';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOGUE_PATHS: Record<RobotVertical, string> = { carros: '/veiculos', imoveis: '/imoveis' };

export interface StoreItem {
  dados: Record<string, unknown>;
  /** A photo of infra/demo/fotos/<vertical>/, uploaded as the staff's panel does. */
  foto?: string;
}

export interface StoreSpec {
  tenant_key: string;
  nome: string;
  robo_tipo: RobotVertical;
  cor_primaria?: string;
  /** The plan's name; the first active plan when left out. */
  plano?: string;
  itens: StoreItem[];
}

export interface OpenStore {
  tenantKey: string;
  vertical: RobotVertical;
  /** The owner's `/painel` account (its invite accepted over the robot's API). */
  dono: { email: string; senha: string };
  /** The created items' ids, in the order given. */
  ids: number[];
}

/** The demo stores' stock (infra/demo/lojas.json): real-looking items, each with its photo. */
export async function demoItems(vertical: RobotVertical): Promise<StoreItem[]> {
  const stores = JSON.parse(await readFile(path.join(ROOT, 'infra/demo/lojas.json'), 'utf8')) as Array<{
    robo_tipo: RobotVertical;
    itens: StoreItem[];
  }>;
  return stores.find((store) => store.robo_tipo === vertical)!.itens;
}

/**
 * A store open for business, set up over the platform's public HTTP APIs as an operator and its staff
 * would: onboarded on the master with an owner, its subscription activated, its look set, its stock
 * (and photos) written through its robot, and its owner's password set from the invite.
 */
export async function openStore(platform: WebPlatform, spec: StoreSpec): Promise<OpenStore> {
  const { master, robots } = platform;
  const planos = await master.admin('GET', '/planos');
  const plano = (planos.body.data as Array<{ id: number; nome: string; ativo: boolean }>).find(
    (p) => p.ativo && (spec.plano === undefined || p.nome === spec.plano),
  )!;
  const email = `dono@${spec.tenant_key.replace(/_/g, '-')}.com.br`;
  const onboarded = await expectOk(
    master.admin('POST', '/tenants', {
      tenant_key: spec.tenant_key,
      nome: spec.nome,
      robo_tipo: spec.robo_tipo,
      plano_id: plano.id,
      email_responsavel: email,
    }),
  );
  await expectOk(master.admin('PATCH', `/assinaturas/${onboarded.assinatura.id}`, { status: 'active', motivo: 'loja de teste' }));
  if (spec.cor_primaria) await expectOk(master.admin('PATCH', `/tenants/${spec.tenant_key}`, { cor_primaria: spec.cor_primaria }));

  const robot = robots[spec.robo_tipo].url;
  const asStore = { 'X-Tenant-Key': spec.tenant_key, Authorization: `Bearer ${onboarded.api_key}` };
  const catalogue = CATALOGUE_PATHS[spec.robo_tipo];
  const ids: number[] = [];
  for (const item of spec.itens) {
    const created = await robotCall(robot, 'POST', catalogue, asStore, JSON.stringify(item.dados));
    ids.push(created.id);
    if (item.foto) {
      const form = new FormData();
      const bytes = await readFile(path.join(ROOT, 'infra/demo/fotos', spec.robo_tipo, item.foto));
      form.append('arquivo', new Blob([bytes], { type: 'image/jpeg' }), item.foto);
      await robotCall(robot, 'POST', `${catalogue}/${created.id}/fotos/arquivo`, asStore, form);
    }
  }

  const senha = `senha-do-dono-${spec.tenant_key}`;
  const token = new URL(onboarded.convite_url).hash.slice(1);
  await robotCall(robot, 'POST', '/equipe/convite/aceitar', { 'X-Tenant-Key': spec.tenant_key }, JSON.stringify({ token, senha }));
  return { tenantKey: spec.tenant_key, vertical: spec.robo_tipo, dono: { email, senha }, ids };
}

async function expectOk(call: ReturnType<WebPlatform['master']['admin']>) {
  const { status, body } = await call;
  if (status >= 300) throw new Error(`master answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

async function robotCall(robot: string, method: string, route: string, headers: Record<string, string>, body: string | FormData) {
  const response = await fetch(`${robot}${route}`, {
    method,
    headers: typeof body === 'string' ? { ...headers, 'Content-Type': 'application/json' } : headers,
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
