import type { TenantResolutionV1, UsageBatchResultV1, UsageBatchV1 } from '@helix/contracts';
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
      validateStatus: (status) => status === 200 || status === 404,
    });
  }

  /** For readiness: the master answers at all. */
  async ping(): Promise<void> {
    try {
      await this.http.get('/health', { validateStatus: (status) => status === 200 });
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
  }

  /** Delivers usage events; the master counts each id once and says which it now holds. */
  async shipUsage(batch: UsageBatchV1): Promise<UsageBatchResultV1> {
    try {
      const response = await this.http.post<UsageBatchResultV1>('/internal/uso', batch, { validateStatus: (status) => status === 200 });
      return response.data;
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
  }

  /** The tenant, or null when the master says it does not exist. */
  async resolve(lookup: TenantLookup): Promise<TenantResolutionV1 | null> {
    try {
      const response = await this.http.get<TenantResolutionV1>('/internal/tenants/resolve', { params: lookup });
      return response.status === 404 ? null : response.data;
    } catch (error) {
      throw new MasterUnavailableError(error);
    }
  }
}
