import { registerTotalsCounter } from '@helix/http';
import type { Registry } from 'prom-client';
import type { ResolveService } from './resolve.service';

/** /metrics: tenant lookups the robots asked for, by outcome (a flood of unknown names shows as not_found). */
export function registerResolveMetrics(registry: Registry, resolve: ResolveService): void {
  registerTotalsCounter(registry, {
    name: 'helix_resolve_lookups_total',
    help: 'Consultas de clientes feitas pelos robôs, por resultado',
    label: 'result',
    totals: () => Object.entries(resolve.lookups),
  });
}
