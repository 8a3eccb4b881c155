import { render } from '@testing-library/react';
import ConsoleApp from './ConsoleApp';
import type { Admin, Plano, Tenant } from './console-types';

export const operador: Admin = { id: 1, email: 'ops@vendeai.com', nome: 'Ana Operadora', role: 'admin' };

export const resumoVazio = {
  tenants: { total: 0, por_status: { active: 0, suspended: 0 }, por_robo_tipo: {} },
  assinaturas: { ativas: 0, por_status: { pending: 0, active: 0, past_due: 0, cancelled: 0, expired: 0 }, por_plano: [] },
  mrr_centavos: 0,
};

export const usoVazio = {
  mes: '2026-12',
  total: { tenants: 0, mensagens: 0, tokens: 0 },
  por_robo_tipo: [],
  por_tenant: { data: [], page: 1, per_page: 20, total: 0 },
};

export function tenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: 1,
    tenant_key: 'garage_alpha',
    nome: 'Feirão ShowCar',
    dominio: null,
    robo_tipo: 'carros',
    status: 'active',
    api_key_prefix: 'hx_live_ab',
    criado_em: '2026-03-12T17:30:00.000Z',
    ...overrides,
  };
}

export function plano(overrides: Partial<Plano> = {}): Plano {
  return {
    id: 3,
    nome: 'Profissional',
    preco_mensal: 19990,
    limite_mensagens: 5000,
    limite_tokens: 2_000_000,
    ativo: true,
    criado_em: '2026-01-01T12:00:00.000Z',
    ...overrides,
  };
}

/** The console as an operator opens it at `url` on the admin host (it brings its own router). */
export function renderConsole(url: string) {
  window.history.pushState({}, '', url);
  return render(<ConsoleApp />);
}
