import type { RobotVertical } from '@helix/contracts';
import type { TenantDb } from '@helix/tenant-context';
import type { CatalogueItem } from './ai/ai-provider';

/** What the shared chat engine needs from a vertical: its own inventory, read on the tenant's connection. */
export interface VerticalCatalogue {
  readonly vertical: RobotVertical;
  /** Available items matching the customer's words, best first. */
  findOffers(db: TenantDb, terms: readonly string[], limit: number): Promise<CatalogueItem[]>;
  countAvailable(db: TenantDb): Promise<number>;
}
