import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import { robotAccess } from './robot-access';

const pass: RequestHandler = (_req, _res, next) => next();
const route = (method: 'get' | 'post', path: string) => defineRoute({ method, path, tag: 'T', summary: 's', handle: () => undefined });

describe('robot access levels', () => {
  it('refuses two routes of different kinds that share a method and a first path segment (early refusals could not tell them apart)', () => {
    const access = robotAccess(pass, () => pass, pass);
    access.storefront(route('get', '/veiculos'));
    access.storefront(route('get', '/veiculos/:id'));
    access.apiKey(route('post', '/veiculos'));
    expect(() => access.apiKey(route('get', '/veiculos/:id/historico'))).toThrow(/GET \/veiculos serves both vitrine and gestao/);
  });

  it('orders the guards so that refusals stay cheap: tenant, API key, then the rate of the kind', () => {
    const calls: string[] = [];
    const named = (name: string): RequestHandler => Object.assign(() => calls.push(name), { label: name });
    const access = robotAccess(named('tenant'), (kind) => named(`rate:${kind}`), named('cache'));
    expect(access.chat(route('post', '/chat')).guards?.map((guard) => (guard as { label?: string }).label ?? guard.name)).toEqual([
      'tenant',
      'requireTenantApiKey',
      'rate:chat',
    ]);
  });
});
