import { ROBOT_VERTICALS, type LojaPublicaV1 } from '@helix/contracts';
import { MasterUnavailableError, type TenantLookup } from '@helix/tenant-context';
import { z } from 'zod';

const lojaPublica = z.object({
  tenant_key: z.string(),
  nome: z.string(),
  vertical: z.enum(ROBOT_VERTICALS),
  status_loja: z.enum(['aberta', 'indisponivel']),
  logo_url: z.string().nullable(),
  cor_primaria: z.string().nullable(),
}) satisfies z.ZodType<LojaPublicaV1>;

/** The web service's one call to the master's internal API: a store's public facts, or null when none answers to the lookup. */
export class MasterLojasClient {
  constructor(private readonly options: { baseUrl: string; serviceToken: string; timeoutMs: number }) {}

  async find(lookup: TenantLookup): Promise<LojaPublicaV1 | null> {
    const url = new URL('/internal/lojas', this.options.baseUrl);
    url.search = new URLSearchParams('key' in lookup ? { key: lookup.key } : { host: lookup.host }).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${this.options.serviceToken}` },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new MasterUnavailableError(new Error(`GET /internal/lojas answered ${response.status}`));
    }
    const parsed = lojaPublica.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new MasterUnavailableError(new Error('GET /internal/lojas answered out of shape'));
    return parsed.data;
  }
}
