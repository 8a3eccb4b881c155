import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FakePreapproval {
  id: string;
  status: string;
  init_point: string;
  external_reference: string;
  payer_email: string;
  reason: string;
  auto_recurring: Record<string, unknown>;
}

/**
 * A local stand-in for api.mercadopago.com answering the PreApproval endpoints in their REST shape
 * (JSON bodies, Bearer access token, 4xx error objects), so the real client and webhook run against
 * it. Tests move a subscription's status as a payer would and sign notifications as Mercado Pago does.
 */
export async function startFakeMercadoPago(accessToken: string) {
  const preapprovals = new Map<string, FakePreapproval>();
  const requests: { method: string; path: string; body: unknown; idempotencyKey?: string }[] = [];
  let failures = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw ? JSON.parse(raw) : {};
  };

  const server = createServer(async (req, res) => {
    const body = req.method === 'GET' ? undefined : await readJson(req);
    const path = (req.url ?? '').split('?')[0];
    requests.push({ method: req.method!, path, body, idempotencyKey: req.headers['x-idempotency-key'] as string | undefined });
    if (failures > 0) {
      failures--;
      return send(res, 500, { message: 'internal_error', error: 'internal_error', status: 500, cause: [] });
    }
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return send(res, 401, { message: 'invalid access token', error: 'unauthorized', status: 401, cause: [] });
    }
    const match = /^\/preapproval(?:\/([^/]+))?$/.exec(path);
    if (!match) return send(res, 404, { message: 'resource not found', error: 'not_found', status: 404, cause: [] });
    const id = match[1] && decodeURIComponent(match[1]);

    if (req.method === 'POST' && !id) {
      const input = body as Record<string, any>;
      if (!input.payer_email || !input.back_url || !input.reason || !(input.auto_recurring?.transaction_amount > 0)) {
        return send(res, 400, { message: 'missing required fields', error: 'bad_request', status: 400, cause: [] });
      }
      const created: FakePreapproval = {
        id: randomBytes(16).toString('hex'),
        status: 'pending',
        init_point: '',
        external_reference: input.external_reference,
        payer_email: input.payer_email,
        reason: input.reason,
        auto_recurring: input.auto_recurring,
      };
      created.init_point = `https://www.mercadopago.com.br/subscriptions/checkout?preapproval_id=${created.id}`;
      preapprovals.set(created.id, created);
      return send(res, 201, created);
    }
    const found = id ? preapprovals.get(id) : undefined;
    if (!found) return send(res, 404, { message: 'preapproval not found', error: 'not_found', status: 404, cause: [] });
    if (req.method === 'GET') return send(res, 200, found);
    if (req.method === 'PUT') {
      Object.assign(found, { status: (body as { status?: string }).status ?? found.status });
      return send(res, 200, found);
    }
    return send(res, 405, { message: 'method not allowed', error: 'method_not_allowed', status: 405, cause: [] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    preapprovals,
    /** What a payer (or Mercado Pago's collection) does to a subscription. */
    setStatus(id: string, status: 'pending' | 'authorized' | 'paused' | 'cancelled') {
      preapprovals.get(id)!.status = status;
    },
    /** The next `count` calls answer 500, as during an outage. */
    failNext(count: number) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The headers Mercado Pago sends with a notification about `dataId`, signed with `secret`. */
export function signNotification(input: { secret: string; dataId: string; requestId: string; ts: number }) {
  const manifest = `id:${input.dataId.toLowerCase()};request-id:${input.requestId};ts:${input.ts};`;
  const v1 = createHmac('sha256', input.secret).update(manifest).digest('hex');
  return { 'x-signature': `ts=${input.ts},v1=${v1}`, 'x-request-id': input.requestId };
}
