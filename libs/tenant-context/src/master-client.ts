import type {
  LojaPublicaV1,
  TenantResolutionBatchResultV1,
  TenantResolutionBatchV1,
  TenantResolutionV1,
  UsageBatchResultV1,
  UsageBatchV1,
} from '@helix/contracts';
import axios, { type AxiosInstance } from 'axios';
import type { TenantLookup } from './identify';

/** The master did not give a usable answer (down, slow, 5xx, or refusing our token). */
export class MasterUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`master unavailable: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'MasterUnavailableError';
  }
}

/** A store's look as its owner edits it (the master validates each field). */
export interface StoreLookPatch {
  nome?: string;
  logo_url?: string | null;
  cor_primaria?: string | null;
}

/** The master's answer to a look edit: the store as it is now, or its refusal (400 invalid, 404 unknown) in its own words. */
export type StoreLookResult = { ok: true; loja: LojaPublicaV1 } | { ok: false; status: 400 | 404; message: string };

/** The robots' side of the master's internal API: one call, a service token, a hard timeout. */
export class MasterClient {
  private readonly http: AxiosInstance;

  constructor(options: { baseUrl: string; serviceToken: string; timeoutMs: number }) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      headers: { Authorization: `Bearer ${options.serviceToken}` },
      validateStatus: (status) => status === 200,
    });
  }

  /** For readiness: the master answers at all. */
  async ping(): Promise<void> {
    try {
      await this.http.get('/health');
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
  }

  /** Delivers usage events; the master counts each id once and says which it now holds. */
  async shipUsage(batch: UsageBatchV1): Promise<UsageBatchResultV1> {
    try {
      const response = await this.http.post<UsageBatchResultV1>('/internal/uso', batch);
      return response.data;
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
  }

  /** Forwards a store owner's edit of its look; anything but an answer or a refusal is the master being unavailable. */
  async updateStoreLook(tenantKey: string, patch: StoreLookPatch): Promise<StoreLookResult> {
    let response;
    try {
      response = await this.http.patch(`/internal/tenants/${encodeURIComponent(tenantKey)}/loja`, patch, {
        validateStatus: (status) => status === 200 || status === 400 || status === 404,
      });
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
    if (response.status === 200) return { ok: true, loja: response.data as LojaPublicaV1 };
    const message = (response.data as { error?: { message?: unknown } } | undefined)?.error?.message;
    return { ok: false, status: response.status as 400 | 404, message: typeof message === 'string' ? message : 'Alteração recusada.' };
  }

  /**
   * Each lookup's tenant, in order: null where the master says it does not exist, an error where
   * it cannot answer for that tenant just now.
   */
  async resolveMany(lookups: TenantLookup[]): Promise<(TenantResolutionV1 | null | MasterUnavailableError)[]> {
    let data: TenantResolutionBatchResultV1;
    try {
      const body: TenantResolutionBatchV1 = { lookups };
      data = (await this.http.post<TenantResolutionBatchResultV1>('/internal/tenants/resolve', body)).data;
      if (!Array.isArray(data.results) || data.results.length !== lookups.length) throw new Error('resolve batch answered out of shape');
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
    const unavailable = new Set(data.unavailable ?? []);
    return data.results.map((result, index) =>
      unavailable.has(index) ? new MasterUnavailableError('the master cannot resolve this tenant just now') : result,
    );
  }
}
