import { LIVE_TENANT_STATUSES } from '@helix/contracts';

/**
 * `<column> IN ('active', 'suspended')`, for statements over the registry that add joins and
 * conditions of their own. The literals come from LIVE_TENANT_STATUSES, never from input.
 */
export const liveTenantSql = (column: 't.status' | 'status') =>
  `${column} IN (${LIVE_TENANT_STATUSES.map((status) => `'${status}'`).join(', ')})`;
