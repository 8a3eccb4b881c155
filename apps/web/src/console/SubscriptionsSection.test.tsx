import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi } from '../test/fetch-stub';
import type { Assinatura } from './console-types';
import { operador, plano, renderConsole, tenant } from './console-test-kit';

function assinatura(overrides: Partial<Assinatura> = {}): Assinatura {
  return {
    id: 11,
    tenant_key: 'garage_alpha',
    plano: { id: 3, nome: 'Profissional', preco_mensal: 19990 },
    status: 'pending',
    ativa: false,
    data_inicio: null,
    data_fim: null,
    checkout_url: null,
    criado_em: '2026-12-01T12:00:00.000Z',
    atualizado_em: '2026-12-01T12:00:00.000Z',
    ...overrides,
  };
}

const detail = (assinaturas: Assinatura[]) => ({
  'GET /auth/me': { body: operador },
  'GET /tenants/:key': { body: tenant() },
  'GET /tenants/:key/uso': apiError(404, 'TENANT_NOT_FOUND'),
  'GET /tenants/:key/assinaturas': { body: { data: assinaturas } },
  'GET /planos': { body: { data: [plano()] } },
});

describe('console: assinaturas', () => {
  it('cria uma assinatura no plano escolhido e a ativa à mão', async () => {
    const calls = stubApi({
      ...detail([assinatura()]),
      'POST /tenants/:key/assinaturas': { status: 201, body: { assinatura: assinatura(), checkout_url: null } },
      'PATCH /assinaturas/:id': { body: assinatura({ status: 'active', ativa: true }) },
    });
    renderConsole('/clientes/garage_alpha');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Nova assinatura' });
    await within(form).findByRole('option', { name: /Profissional/ });
    await user.selectOptions(within(form).getByLabelText('Plano'), '3');
    await user.click(within(form).getByRole('button', { name: 'Nova assinatura' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ plano_id: 3 }));

    await user.click(screen.getByRole('button', { name: 'Ativar' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'active' }));
  });

  it('cancelar pede um motivo e o envia', async () => {
    const calls = stubApi({
      ...detail([assinatura({ status: 'active', ativa: true, data_inicio: '2026-12-01T12:00:00.000Z' })]),
      'PATCH /assinaturas/:id': { body: assinatura({ status: 'cancelled' }) },
    });
    renderConsole('/clientes/garage_alpha');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancelar' }));
    await user.click(screen.getByRole('button', { name: 'Cancelar assinatura' }));
    expect(screen.getByText('Explique o motivo (ao menos 3 caracteres).')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);

    await user.type(screen.getByLabelText('Motivo do cancelamento'), 'Pediu para sair');
    await user.click(screen.getByRole('button', { name: 'Cancelar assinatura' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'cancelled', motivo: 'Pediu para sair' }),
    );
  });

  it('mostra o histórico de uma assinatura', async () => {
    stubApi({
      ...detail([assinatura({ status: 'cancelled' })]),
      'GET /assinaturas/:id': {
        body: {
          ...assinatura({ status: 'cancelled' }),
          historico: [
            {
              de: 'active',
              para: 'cancelled',
              origem: 'admin',
              autor: 'ops@vendeai.com',
              motivo: 'Inadimplente',
              em: '2026-12-02T15:00:00.000Z',
            },
          ],
        },
      },
    });
    renderConsole('/clientes/garage_alpha');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Histórico' }));
    expect(await screen.findByText('Inadimplente')).toBeTruthy();
    expect(screen.getByText('02/12/2026, 12:00')).toBeTruthy();
  });

  it('suspender pede confirmação e envia status suspended', async () => {
    const calls = stubApi({ ...detail([]), 'PATCH /tenants/:key': { body: tenant({ status: 'suspended' }) } });
    renderConsole('/clientes/garage_alpha');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Suspender' }));
    await user.click(screen.getByRole('button', { name: 'Sim, suspender' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'suspended' }));
  });

  it('editar os dados da loja envia só o que mudou', async () => {
    const calls = stubApi({ ...detail([]), 'PATCH /tenants/:key': ({ body }) => ({ body: { ...tenant(), ...(body as object) } }) });
    renderConsole('/clientes/garage_alpha');
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Dados e aparência da loja' });
    await user.type(within(form).getByLabelText('Cor principal'), 'azul');
    await user.click(within(form).getByRole('button', { name: 'Salvar dados' }));
    expect(within(form).getByLabelText('Cor principal').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);

    await user.clear(within(form).getByLabelText('Cor principal'));
    await user.type(within(form).getByLabelText('Cor principal'), '#FFD400');
    await user.type(within(form).getByLabelText('Domínio próprio'), 'showcar.com.br');
    await user.click(within(form).getByRole('button', { name: 'Salvar dados' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ dominio: 'showcar.com.br', cor_primaria: '#ffd400' }),
    );
  });
});
