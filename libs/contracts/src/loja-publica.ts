import type { RobotVertical } from './robot-verticals';

/** The name the web service's token carries in the master's SERVICE_TOKENS: it may only read stores' public facts. */
export const WEB_SERVICE_NAME = 'web';

/** `aberta`: the store serves its customers; `indisponivel`: suspended or without an active subscription. */
export type StatusLoja = 'aberta' | 'indisponivel';

/**
 * What the master tells the web service about a store (`GET /internal/lojas`): public facts only,
 * what its pages show anyway. Never credentials, limits or usage: a leaked web token reveals no more
 * than the storefronts do.
 */
export interface LojaPublicaV1 {
  tenant_key: string;
  nome: string;
  vertical: RobotVertical;
  status_loja: StatusLoja;
  logo_url: string | null;
  /** `#rrggbb`. */
  cor_primaria: string | null;
}
