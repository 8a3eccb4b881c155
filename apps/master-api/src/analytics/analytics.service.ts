import { billingMonth, ROBOT_VERTICALS } from '@helix/contracts';
import { percentOf } from '../uso/uso.service';
import type { AnalyticsRepository } from './analytics.repository';
import type { UsageAnalyticsQuery } from './analytics.schema';

export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly options: { timeZone: string; clock: () => Date },
  ) {}

  /** A month's usage: totals, per vertical, and per tenant from the biggest token user down. */
  async usage(query: UsageAnalyticsQuery) {
    const mes = query.mes ?? billingMonth(this.options.clock(), this.options.timeZone);
    const porRoboTipo = (await this.analytics.usageByRoboTipo(mes)).map((row) => ({
      robo_tipo: row.robo_tipo,
      tenants: row.tenants,
      mensagens: Number(row.mensagens),
      tokens: Number(row.tokens),
    }));
    const tenantRow = (row: Awaited<ReturnType<AnalyticsRepository['usageByTenant']>>['rows'][number]) => ({
      tenant_key: row.tenant_key,
      nome: row.nome,
      robo_tipo: row.robo_tipo,
      mensagens: row.mensagens,
      tokens: Number(row.tokens),
      percentual_mensagens: percentOf(row.mensagens, row.limite_mensagens),
      percentual_tokens: percentOf(Number(row.tokens), row.limite_tokens === null ? null : Number(row.limite_tokens)),
    });
    const top = await this.analytics.usageByTenant(mes, query.top, 0);
    const page = await this.analytics.usageByTenant(mes, query.per_page, (query.page - 1) * query.per_page);
    return {
      mes,
      total: porRoboTipo.reduce(
        (sum, row) => ({ tenants: sum.tenants + row.tenants, mensagens: sum.mensagens + row.mensagens, tokens: sum.tokens + row.tokens }),
        { tenants: 0, mensagens: 0, tokens: 0 },
      ),
      por_robo_tipo: porRoboTipo,
      top_tenants: top.rows.map(tenantRow),
      por_tenant: { data: page.rows.map(tenantRow), page: query.page, per_page: query.per_page, total: page.total },
    };
  }

  /** The business at a glance: tenants by status and vertical, subscriptions, monthly recurring revenue. */
  async resumo() {
    const now = this.options.clock();
    const [tenants, assinaturas, receita] = await Promise.all([
      this.analytics.tenantsByVerticalAndStatus(),
      this.analytics.subscriptionsByStatus(now),
      this.analytics.recurringRevenueByPlan(now),
    ]);
    const tenantsPorStatus = { active: 0, suspended: 0 };
    const porRoboTipo = Object.fromEntries(ROBOT_VERTICALS.map((tipo) => [tipo, { active: 0, suspended: 0, total: 0 }]));
    for (const row of tenants) {
      tenantsPorStatus[row.status] += row.total;
      porRoboTipo[row.robo_tipo][row.status] = row.total;
      porRoboTipo[row.robo_tipo].total += row.total;
    }
    const assinaturasPorStatus = { pending: 0, active: 0, past_due: 0, cancelled: 0, expired: 0 };
    for (const row of assinaturas) assinaturasPorStatus[row.status] = row.total;
    const porPlano = receita.map((row) => ({
      plano_id: row.plano_id,
      nome: row.nome,
      assinaturas: row.assinaturas,
      mrr_centavos: Number(row.centavos),
    }));
    return {
      tenants: { total: tenantsPorStatus.active + tenantsPorStatus.suspended, por_status: tenantsPorStatus, por_robo_tipo: porRoboTipo },
      assinaturas: { ativas: assinaturasPorStatus.active, por_status: assinaturasPorStatus, por_plano: porPlano },
      mrr_centavos: porPlano.reduce((sum, row) => sum + row.mrr_centavos, 0),
    };
  }
}
