import type {
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
