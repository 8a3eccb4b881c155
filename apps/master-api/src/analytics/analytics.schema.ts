import { MONTH_PATTERN } from '@helix/contracts';
import { pagination } from '@helix/http';
import { z } from 'zod';

export const usageAnalyticsQuery = z.object({
  mes: z.string().regex(MONTH_PATTERN, 'use AAAA-MM').optional(),
  top: z.coerce.number().int().min(1).max(100).default(10),
  ...pagination,
});
export type UsageAnalyticsQuery = z.infer<typeof usageAnalyticsQuery>;
