import { notFound } from '@helix/http';
import { generateApiKey } from '@helix/secrets';
import type { OnboardTenantInput, TenantOnboarding } from '@helix/tenant-ops';
import type { ListTenantsQuery, UpdateTenantInput } from './tenants.schema';
import type { TenantRow, TenantsRepository } from './tenants.repository';
import { toTenantView } from './tenant.view';

export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly onboarding: TenantOnboarding,
  ) {}

  /** The shared onboarding (also `helix tenants create`), answered with the admin's view of the new tenant. */
  async create(input: OnboardTenantInput) {
    const { id: _id, tenant_key, ...created } = await this.onboarding.onboard(input);
    return { tenant: await this.get(tenant_key), ...created };
  }

  async list(query: ListTenantsQuery) {
    const { rows, total } = await this.tenants.list(query);
    return { data: rows.map(toTenantView), page: query.page, per_page: query.per_page, total };
  }

  async get(key: string) {
    return toTenantView(await this.require(key));
  }

  async update(key: string, patch: UpdateTenantInput) {
    const row = await this.require(key);
    await this.tenants.update(row.id, patch);
    return this.get(key);
  }

  /** A new key replaces the old one at once; robots stop accepting the old within their cache TTL. */
  async rotateApiKey(key: string) {
    const row = await this.require(key);
    const apiKey = generateApiKey();
    await this.tenants.setApiKey(row.id, apiKey.hash, apiKey.displayPrefix);
    return { tenant_key: row.tenant_key, api_key: apiKey.apiKey, api_key_prefix: apiKey.displayPrefix };
  }

  private async require(key: string): Promise<TenantRow> {
    const row = await this.tenants.findByKey(key);
    if (!row) throw notFound('TENANT_NOT_FOUND', `Cliente '${key}' não encontrado.`);
    return row;
  }
}
