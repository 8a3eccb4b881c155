import { pagination, yearMonth } from '@helix/http';
import { z } from 'zod';

export const usageAnalyticsQuery = z.object({
  mes: yearMonth.optional(),
  top: z.coerce.number().int().min(1).max(100).default(10),
  ...pagination,
});
export type UsageAnalyticsQuery = z.infer<typeof usageAnalyticsQuery>;
