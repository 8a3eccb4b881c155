import { verticalOfService, type RobotInstance } from '@helix/config';
import type { RobotVertical, TenantRefreshReason } from '@helix/contracts';
import axios from 'axios';
import { errorMessage } from './tenant-ops.error';

/** A robot instance's answer to `POST /internal/tenants/:key/refresh`. */
export interface RobotView {
  servidor: string;
  escrita_congelada: boolean;
  escritas_em_andamento: number;
}

export interface RobotOutcome {
  service: string;
  url: string;
  view?: RobotView;
  error?: string;
}

/**
 * Tells the robot instances (ROBOT_URLS) of a tenant's vertical that it changed, each with its own
 * service token from SERVICE_TOKENS, in parallel. The instance answers after re-reading the tenant
 * from the master and, if its writes are frozen, after its running writes of that tenant are done.
 * Another vertical's robot never serves the tenant: it is no witness, and would answer 404.
 */
export class RobotNotifier {
  constructor(
    readonly instances: readonly RobotInstance[],
    /** SERVICE_TOKENS: token → service name. */
    private readonly tokens: ReadonlyMap<string, string>,
    private readonly timeoutMs = 20_000,
  ) {}

  /** The instances that serve tenants of `vertical`. */
  of(vertical: RobotVertical): RobotInstance[] {
    return this.instances.filter(({ service }) => verticalOfService(service) === vertical);
  }

  /** `motivo`: a move (the default: writes wait while each instance re-reads) or a mere change. */
  refresh(tenant: { tenant_key: string; robo_tipo: RobotVertical }, motivo: TenantRefreshReason = 'movimentacao'): Promise<RobotOutcome[]> {
    return Promise.all(this.of(tenant.robo_tipo).map((instance) => this.refreshOne(instance, tenant.tenant_key, motivo)));
  }

  private async refreshOne({ service, url }: RobotInstance, tenantKey: string, motivo: TenantRefreshReason): Promise<RobotOutcome> {
    const token = [...this.tokens].find(([, name]) => name === service)?.[0];
    if (!token) return { service, url, error: `sem token de ${service} em SERVICE_TOKENS` };
    try {
      const response = await axios.post<RobotView>(`${url}/internal/tenants/${encodeURIComponent(tenantKey)}/refresh`, undefined, {
        params: { motivo },
        headers: { Authorization: `Bearer ${token}` },
        timeout: this.timeoutMs,
        validateStatus: (status) => status === 200,
      });
      return { service, url, view: response.data };
    } catch (error) {
      const answered = axios.isAxiosError(error)
        ? (error.response?.data as { error?: { code?: string; message?: string } } | undefined)?.error
        : undefined;
      return { service, url, error: answered ? `${answered.code}: ${answered.message}` : errorMessage(error) };
    }
  }
}
