import type { RobotVertical } from '@helix/contracts';
import type { Logger } from '@helix/http';
import type { RobotNotifier, TenantRegistry } from '@helix/tenant-ops';

/**
 * After an admin or Mercado Pago changes what robots serve of a tenant (status, domain, key,
 * subscription), every instance of its robot (ROBOT_URLS) re-reads it now, whichever one the next
 * request reaches. Not awaited: an instance that cannot be told catches up within its cache TTL.
 */
export class RobotNotice {
  constructor(
    private readonly robots: RobotNotifier,
    private readonly registry: TenantRegistry,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  tenantChanged(tenant: { tenant_key: string; robo_tipo: RobotVertical }): void {
    void this.tell(tenant);
  }

  /** When only the key is at hand (a subscription row). */
  tenantKeyChanged(tenantKey: string): void {
    void this.registry.find(tenantKey).then(
      (tenant) => tenant && this.tell(tenant),
      (error: unknown) => this.logger.warn({ err: error, tenant_key: tenantKey }, 'robots not told of a tenant change'),
    );
  }

  private async tell(tenant: { tenant_key: string; robo_tipo: RobotVertical }): Promise<void> {
    // A change, not a move: the instances keep serving the tenant's writes while they re-read it.
    const missed = (await this.robots.refresh(tenant, 'alteracao')).filter((outcome) => outcome.error);
    if (missed.length > 0) this.logger.warn({ tenant_key: tenant.tenant_key, robots: missed }, 'robots not told of a tenant change');
  }
}
