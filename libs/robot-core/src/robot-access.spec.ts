import { defineRoute } from '@helix/http';
import type { RequestHandler } from 'express';
import { robotAccess } from './robot-access';

const pass: RequestHandler = (_req, _res, next) => next();
const staffPass = { apiKeyOrStaff: pass, staff: pass, owner: pass };
const route = (method: 'get' | 'post', path: string) => defineRoute({ method, path, tag: 'T', summary: 's', handle: () => undefined });

describe('robot access levels', () => {
  it('refuses two routes of different kinds that share a method and a first path segment (early refusals could not tell them apart)', () => {
    const access = robotAccess(pass, () => pass, pass, pass, staffPass);
    access.storefront(route('get', '/veiculos'));
    access.storefront(route('get', '/veiculos/:id'));
    access.apiKey(route('post', '/veiculos'));
    expect(() => access.apiKey(route('get', '/veiculos/:id/historico'))).toThrow(/GET \/veiculos serves both vitrine and gestao/);
  });

  it('orders the guards so that refusals stay cheap: tenant, API key or staff session, then the rate of the kind', () => {
    const calls: string[] = [];
    const named = (name: string): RequestHandler => Object.assign(() => calls.push(name), { label: name });
    const staff = { apiKeyOrStaff: named('key-or-staff'), staff: named('staff'), owner: named('owner') };
    const access = robotAccess(named('tenant'), (kind) => named(`rate:${kind}`), named('cache'), named('visitor'), staff);
    const labels = (spec: { guards?: RequestHandler[] }) => spec.guards?.map((guard) => (guard as { label?: string }).label ?? guard.name);
    expect(labels(access.chat(route('post', '/chat')))).toEqual(['tenant', 'key-or-staff', 'rate:chat']);
    expect(labels(access.apiKey(route('post', '/veiculos')))).toEqual(['tenant', 'key-or-staff', 'rate:gestao']);
    expect(labels(access.owner(route('post', '/equipe/usuarios')))).toEqual(['tenant', 'owner', 'rate:gestao']);
    expect(labels(access.staffLogin(route('post', '/equipe/login')))).toEqual(['tenant', 'rate:gestao']);
    expect(labels(access.visitor(route('post', '/visitante/chat')))).toEqual(['tenant', 'visitor', 'rate:chat']);
    expect(labels(access.newVisitor(route('post', '/visitante/sessao')))).toEqual(['tenant', 'rate:chat']);
  });
});
