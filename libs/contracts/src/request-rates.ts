/**
 * The kinds of robot request a plan limits separately, each with its own rate: the public
 * storefront (catalogue reads), the back office (calls with the tenant's API key) and chats (AI).
 */
export const REQUEST_KINDS = ['vitrine', 'gestao', 'chat'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** An average per minute and how many may come at once. */
export interface RequestRateV1 {
  por_minuto: number;
  rajada: number;
}

export type PlanRequestRatesV1 = Record<RequestKind, RequestRateV1>;

/** What a plan allows unless an admin says otherwise (the master's column defaults). */
export const DEFAULT_REQUEST_RATES: PlanRequestRatesV1 = {
  vitrine: { por_minuto: 3_000, rajada: 200 },
  gestao: { por_minuto: 600, rajada: 60 },
  chat: { por_minuto: 120, rajada: 60 },
};
