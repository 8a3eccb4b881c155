import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROBOT_VERTICALS } from '@helix/contracts';
import { newTenantKey, tenantNome } from '@helix/tenant-ops';
import { z } from 'zod';

const demoStoreSchema = z.strictObject({
  tenant_key: newTenantKey,
  nome: tenantNome,
  robo_tipo: z.enum(ROBOT_VERTICALS),
  email_responsavel: z.email(),
  cor_primaria: z.string().regex(/^#[0-9a-f]{6}$/),
  /** Each item as the robot's create route takes it, with its photo (a file of infra/demo/fotos/<vertical>/). */
  itens: z.array(z.strictObject({ foto: z.string().regex(/^[a-z0-9-]+\.jpg$/), dados: z.record(z.string(), z.unknown()) })).min(1),
});
export type DemoStore = z.infer<typeof demoStoreSchema>;

/** The demo stores of infra/demo/lojas.json, photos resolved to their files. */
export async function loadDemoStores(infraDir: string): Promise<Array<DemoStore & { photoPath: (foto: string) => string }>> {
  const file = path.join(infraDir, 'demo', 'lojas.json');
  const stores = z.array(demoStoreSchema).parse(JSON.parse(await readFile(file, 'utf8')));
  return stores.map((store) => ({ ...store, photoPath: (foto: string) => path.join(infraDir, 'demo', 'fotos', store.robo_tipo, foto) }));
}
