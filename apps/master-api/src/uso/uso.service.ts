import {
  billingMonth,
  type RobotVertical,
  type UsageBatchResultV1,
  type UsageRejectionCode,
  type UsageRejectionV1,
} from '@helix/contracts';
import { tenantNotFound } from '../tenants/tenants.errors';
import type { MeteredEvent, NewAlerta, UsageAgainstPlan, UsoRepository } from './uso.repository';
import { MAX_EVENT_AGE_DAYS, usageEventSchema, type UsageEvent } from './uso.schema';

/** Percentages of a plan limit recorded as an alert the first time a month reaches them. */
export const ALERT_THRESHOLDS = [80, 100] as const;
const RESOURCES = [
  { recurso: 'mensagens', usado: 'mensagens_usadas', limite: 'limite_mensagens' },
  { recurso: 'tokens', usado: 'tokens_usados', limite: 'limite_tokens' },
] as const;

const DAY_MS = 86_400_000;
/** Tenant ids never change for a key; re-reading them every 60 s is only to forget deleted tenants. */
const TENANT_ID_TTL_MS = 60_000;
const TENANT_ID_CACHE_LIMIT = 100_000;

/** Share of a limit used, one decimal; null when the plan sets no allowance. */
export function percentOf(used: number, limit: number | null): number | null {
  return limit === null || limit <= 0 ? null : Math.round((used / limit) * 1000) / 10;
}

/** Thresholds a month's usage has reached, per resource (the alert table keeps only the first crossing). */
export function crossedThresholds(row: UsageAgainstPlan): NewAlerta[] {
  return RESOURCES.flatMap(({ recurso, usado, limite }) => {
    const used = Number(row[usado]);
    const limit = row[limite] === null ? 0 : Number(row[limite]);
    if (limit <= 0) return [];
    return ALERT_THRESHOLDS.filter((limiar) => used * 100 >= limit * limiar).map((limiar) => ({
      tenant_id: row.tenant_id,
      mes: row.mes,
      recurso,
      limiar,
      usado: used,
      limite: limit,
    }));
  });
}

type Rejection = UsageRejectionV1 & { code: UsageRejectionCode };
type Checked = { ok: true; event: UsageEvent } | { ok: false; rejection: Rejection };

export class UsoService {
  private readonly tenantIdCache = new Map<string, { id: number; until: number }>();

  constructor(
    private readonly uso: UsoRepository,
    private readonly options: { timeZone: string; maxFutureSeconds: number; clock: () => Date },
  ) {}

  /** Counts a robot's batch: each id once, ever; bad events are refused one by one with a reason. */
  async ingest(eventos: unknown[], vertical: RobotVertical): Promise<UsageBatchResultV1> {
    const now = this.options.clock();
    const result: UsageBatchResultV1 & { recusados: Rejection[] } = { novos: [], duplicados: [], recusados: [] };
    const accepted: UsageEvent[] = [];
    const seen = new Set<string>();
    for (const raw of eventos) {
      const checked = this.check(raw, now);
      if (!checked.ok) result.recusados.push(checked.rejection);
      else if (seen.has(checked.event.id)) result.duplicados.push(checked.event.id);
      else {
        seen.add(checked.event.id);
        accepted.push(checked.event);
      }
    }

    const tenantIds = await this.tenantIds(new Set(accepted.map((e) => e.tenant_key)), vertical, now);
    const metered: MeteredEvent[] = [];
    for (const event of accepted) {
      const tenantId = tenantIds.get(event.tenant_key);
      if (tenantId === undefined) {
        result.recusados.push({ id: event.id, code: 'TENANT_NOT_FOUND', motivo: `Cliente '${event.tenant_key}' não encontrado.` });
        continue;
      }
      const { id, mensagens, tokens, at } = event;
      metered.push({ id, tenant_id: tenantId, mes: billingMonth(at, this.options.timeZone), mensagens, tokens, at });
    }

    const counted = await this.uso.count(metered);
    for (const event of metered) (counted.has(event.id) ? result.novos : result.duplicados).push(event.id);
    await this.recordCrossings(
      metered.filter((e) => counted.has(e.id)),
      now,
    );
    return result;
  }

  /**
   * Ids of the keys that are tenants of `vertical` (a robot meters only its own): known ones from the
   * cache; unknown ones are looked up (and not cached, so a new tenant counts at once).
   */
  private async tenantIds(keys: Set<string>, vertical: RobotVertical, now: Date): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const missing: string[] = [];
    for (const key of keys) {
      const cached = this.tenantIdCache.get(`${vertical}\0${key}`);
      if (cached && cached.until > now.getTime()) found.set(key, cached.id);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    if (this.tenantIdCache.size >= TENANT_ID_CACHE_LIMIT) this.tenantIdCache.clear();
    for (const [key, id] of await this.uso.tenantIds(missing, vertical)) {
      found.set(key, id);
      this.tenantIdCache.set(`${vertical}\0${key}`, { id, until: now.getTime() + TENANT_ID_TTL_MS });
    }
    return found;
  }

  private check(raw: unknown, now: Date): Checked {
    const parsed = usageEventSchema.safeParse(raw);
    if (!parsed.success) {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        rejection: {
          id: typeof rawId === 'string' ? rawId.slice(0, 100) : '',
          code: issue.code === 'too_big' ? 'VALUE_OUT_OF_RANGE' : 'INVALID_EVENT',
          motivo: `${issue.path.join('.') || 'evento'}: ${issue.message}`,
        },
      };
    }
    const event = parsed.data;
    const aheadMs = event.at.getTime() - now.getTime();
    if (aheadMs > this.options.maxFutureSeconds * 1000) {
      return { ok: false, rejection: { id: event.id, code: 'AT_IN_FUTURE', motivo: 'O instante do evento (at) está no futuro.' } };
    }
    if (-aheadMs > MAX_EVENT_AGE_DAYS * DAY_MS) {
      return {
        ok: false,
        rejection: {
          id: event.id,
          code: 'AT_TOO_OLD',
          motivo: `O evento tem mais de ${MAX_EVENT_AGE_DAYS} dias e não pode mais ser faturado.`,
        },
      };
    }
    return { ok: true, event };
  }

  /** After the counting commits: a lost alert is recomputed by the tenant's next batch. */
  private async recordCrossings(counted: MeteredEvent[], now: Date): Promise<void> {
    if (counted.length === 0) return;
    const tenants = [...new Set(counted.map((e) => e.tenant_id))];
    const months = [...new Set(counted.map((e) => e.mes))];
    const touched = new Set(counted.map((e) => `${e.tenant_id}|${e.mes}`));
    const rows = (await this.uso.againstActivePlan(tenants, months, now)).filter((row) => touched.has(`${row.tenant_id}|${row.mes}`));
    await this.uso.recordAlertas(rows.flatMap(crossedThresholds));
  }

  async month(tenantKey: string, mes: string | undefined) {
    const month = mes ?? billingMonth(this.options.clock(), this.options.timeZone);
    const row = await this.uso.monthOf(tenantKey, month);
    if (!row) throw tenantNotFound(tenantKey);
    const limiteTokens = row.limite_tokens === null ? null : Number(row.limite_tokens);
    const tokensUsados = Number(row.tokens_usados);
    return {
      tenant_key: row.tenant_key,
      mes: month,
      mensagens_usadas: row.mensagens_usadas,
      tokens_usados: tokensUsados,
      limite_mensagens: row.limite_mensagens,
      limite_tokens: limiteTokens,
      percentual_mensagens: percentOf(row.mensagens_usadas, row.limite_mensagens),
      percentual_tokens: percentOf(tokensUsados, limiteTokens),
      plano: row.plano_id === null ? null : { id: row.plano_id, nome: row.plano_nome },
      alertas: (await this.uso.listAlertas({ mes: month, tenant_key: tenantKey })).map(toAlertaView),
    };
  }

  async alertas(filter: { mes?: string; tenant_key?: string }) {
    const mes = filter.mes ?? billingMonth(this.options.clock(), this.options.timeZone);
    return { mes, data: (await this.uso.listAlertas({ ...filter, mes })).map(toAlertaView) };
  }
}

function toAlertaView(row: { tenant_key: string; recurso: string; limiar: number; usado: number; limite: number; criado_em: Date }) {
  return {
    tenant_key: row.tenant_key,
    recurso: row.recurso,
    limiar: row.limiar,
    usado: Number(row.usado),
    limite: Number(row.limite),
    criado_em: row.criado_em,
  };
}
