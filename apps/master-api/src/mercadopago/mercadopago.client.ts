import { isoInstant } from '@helix/http';
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';

/**
 * The three PreApproval (subscription) endpoints the master uses, typed. The official
 * `mercadopago` SDK hard-codes its API address (a static of an internal module, no option), so it
 * cannot be pointed at the local server the tests run; this client takes the base URL from
 * configuration and validates every answer instead of trusting its shape.
 */
export const PREAPPROVAL_STATUSES = ['pending', 'authorized', 'paused', 'cancelled'] as const;
export type PreapprovalStatus = (typeof PREAPPROVAL_STATUSES)[number];

const preapprovalSchema = z.object({
  id: z.string().min(1).max(64),
  status: z.string(),
  init_point: z.string().url().optional(),
  external_reference: z.string().nullish(),
  auto_recurring: z.object({ end_date: isoInstant().nullish() }).partial().nullish(),
});
export type Preapproval = z.infer<typeof preapprovalSchema>;

export interface NewPreapproval {
  reason: string;
  external_reference: string;
  payer_email: string;
  back_url: string;
  /** BRL per month (not centavos: Mercado Pago takes a decimal amount). */
  transaction_amount: number;
}

/** Mercado Pago did not answer, or answered something else than a subscription. */
export class MercadoPagoError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    detail: string,
  ) {
    super(`Mercado Pago ${operation} failed${status ? ` (${status})` : ''}: ${detail}`);
    this.name = 'MercadoPagoError';
  }
}

export class MercadoPagoClient {
  private readonly http: AxiosInstance;

  constructor(options: { accessToken: string; baseUrl: string; timeoutMs?: number }) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      headers: { Authorization: `Bearer ${options.accessToken}`, 'Content-Type': 'application/json' },
    });
  }

  /** A pending subscription whose `init_point` is the payer's checkout; the key makes retries safe. */
  createPreapproval(input: NewPreapproval, idempotencyKey: string): Promise<Preapproval> {
    const body = {
      reason: input.reason,
      external_reference: input.external_reference,
      payer_email: input.payer_email,
      back_url: input.back_url,
      status: 'pending',
      auto_recurring: { frequency: 1, frequency_type: 'months', transaction_amount: input.transaction_amount, currency_id: 'BRL' },
    };
    return this.call('create', () => this.http.post('/preapproval', body, { headers: { 'X-Idempotency-Key': idempotencyKey } }));
  }

  getPreapproval(id: string): Promise<Preapproval> {
    return this.call('get', () => this.http.get(`/preapproval/${encodeURIComponent(id)}`));
  }

  cancelPreapproval(id: string): Promise<Preapproval> {
    return this.call('cancel', () => this.http.put(`/preapproval/${encodeURIComponent(id)}`, { status: 'cancelled' }));
  }

  private async call(operation: string, request: () => Promise<{ data: unknown }>): Promise<Preapproval> {
    let data: unknown;
    try {
      ({ data } = await request());
    } catch (error) {
      const status = axios.isAxiosError(error) ? error.response?.status : undefined;
      throw new MercadoPagoError(operation, status, (error as Error).message);
    }
    const parsed = preapprovalSchema.safeParse(data);
    if (!parsed.success) throw new MercadoPagoError(operation, undefined, 'unexpected answer');
    return parsed.data;
  }
}
