import { z } from 'zod';

/**
 * A catalogue's sort orders: the names the storefront sends as `ordem`, each with its ORDER BY (code
 * constants, never request input; ids last so pages never overlap). The first is the default.
 */
export function catalogueOrder<const Name extends string>(orders: Readonly<Record<Name, string>>) {
  const names = Object.keys(orders) as [Name, ...Name[]];
  return {
    /** The list query's field: one of the names, the first when absent. */
    field: z.enum(names, `use uma destas ordens: ${names.join(', ')}`).default(names[0]),
    orderBy: (ordem: Name): string => orders[ordem],
  };
}
