import type { RobotVertical } from '@helix/contracts';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** One inventory item the robot found relevant, already rendered by the vertical. */
export interface CatalogueItem {
  id: number;
  /** "Toyota Corolla XEi 2022" / "Apartamento 2 quartos – Pinheiros, São Paulo" */
  titulo: string;
  /** "R$ 118.900,00 · 32.000 km · Prata · Automático" */
  detalhes: string;
}

export interface AiRequest {
  vertical: RobotVertical;
  /** The tenant's business name. */
  lojaNome: string;
  /** The customer, if known. */
  clienteNome: string | null;
  /** The customer's new message. */
  mensagem: string;
  /** Earlier turns of this conversation, oldest first, bounded by the caller. */
  historico: ChatTurn[];
  /** Items of this tenant's inventory matching the message (may be empty), at most ~5. */
  ofertas: CatalogueItem[];
  /** How many items the tenant has available in total. */
  totalEstoque: number;
}

export interface AiReply {
  texto: string;
  tokens: { prompt: number; completion: number; total: number };
  provider: string;
  model: string;
}

export interface AiProvider {
  readonly name: string;
  /** The most tokens `reply(request)` should bill: reserved against the plan before the call, settled to the real count after. */
  tokenUpperBound(request: AiRequest): Promise<number>;
  reply(request: AiRequest, options?: { signal?: AbortSignal }): Promise<AiReply>;
}

/** Why a provider gave no usable answer; stable codes for logs and for choosing 502 vs 503. */
export type AiUnavailableReason = 'timeout' | 'aborted' | 'network' | 'http_status' | 'invalid_response';

/**
 * The provider gave no usable answer (down, timeout, 5xx, 429, malformed answer): the robot maps
 * it to 502/503 AI_UNAVAILABLE without recording usage. The message is short and never carries
 * the API key or the provider's response body.
 */
export class AiUnavailableError extends Error {
  readonly provider: string;
  readonly reason: AiUnavailableReason;
  /** The provider's HTTP status when it answered with a non-2xx one (e.g. 429, 503). */
  readonly httpStatus?: number;

  constructor(provider: string, reason: AiUnavailableReason, detail: string, httpStatus?: number) {
    super(`${provider}: ${detail}`);
    this.name = 'AiUnavailableError';
    this.provider = provider;
    this.reason = reason;
    this.httpStatus = httpStatus;
  }
}
