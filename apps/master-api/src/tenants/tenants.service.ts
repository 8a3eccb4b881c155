import { generateApiKey } from '@helix/secrets';
import type { OnboardTenantInput, TenantOnboarding, TenantRecord, TenantRegistry } from '@helix/tenant-ops';
import type { RobotNotice } from './robot-notice';
import type { ListTenantsQuery, UpdateTenantInput } from './tenants.schema';
import { tenantNotFound } from './tenants.errors';
import { toTenantView } from './tenant.view';

export class TenantsService {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly onboarding: TenantOnboarding,
    private readonly robots: RobotNotice,
  ) {}

  /** The shared onboarding (also `helix tenants create`), answered with the admin's view of the new tenant. */
  async create(input: OnboardTenantInput) {
    const { id: _id, tenant_key, ...created } = await this.onboarding.onboard(input);
    return { tenant: await this.get(tenant_key), ...created };
  }

  async list(query: ListTenantsQuery) {
    const filter = { robo: query.robo_tipo, statuses: query.status ? [query.status] : undefined, busca: query.busca };
    const { rows, total } = await this.registry.page(filter, query);
    return { data: rows.map(toTenantView), page: query.page, per_page: query.per_page, total };
  }

  async get(key: string) {
    return toTenantView(await this.require(key));
  }

  async update(key: string, patch: UpdateTenantInput) {
    const row = await this.require(key);
    await this.registry.update(row.id, patch);
    this.robots.tenantChanged(row);
    return this.get(key);
  }

  /** A new key replaces the old one at once: every robot instance told stops accepting the old one. */
  async rotateApiKey(key: string) {
    const row = await this.require(key);
    const apiKey = generateApiKey();
    await this.registry.setApiKey(row.id, apiKey.hash, apiKey.displayPrefix);
    this.robots.tenantChanged(row);
    return { tenant_key: row.tenant_key, api_key: apiKey.apiKey, api_key_prefix: apiKey.displayPrefix };
  }

  private async require(key: string): Promise<TenantRecord> {
    const row = await this.registry.findLive(key);
    if (!row) throw tenantNotFound(key);
    return row;
  }
}
