import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi } from '../test/fetch-stub';
import { operador, plano, renderConsole } from './console-test-kit';
import { validatePlan } from './plan-form';

describe('plan-form', () => {
  it('converte reais para centavos e aceita milhares com ponto', () => {
    expect(validatePlan({ nome: 'Básico', preco: '1.299,90', limite_mensagens: '10.000', limite_tokens: '0' }).body).toEqual({
      nome: 'Básico',
      preco_mensal: 129990,
      limite_mensagens: 10000,
      limite_tokens: 0,
    });
    expect(validatePlan({ nome: 'Básico', preco: '49.9', limite_mensagens: '1', limite_tokens: '1' }).body?.preco_mensal).toBe(4990);
  });

  it('recusa preço com três decimais, negativo ou acima do teto, e limites não inteiros', () => {
    const { problems, body } = validatePlan({ nome: 'X', preco: '10,999', limite_mensagens: '1,5', limite_tokens: '-1' });
    expect(body).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(['limite_mensagens', 'limite_tokens', 'nome', 'preco']);
    expect(validatePlan({ nome: 'Caro', preco: '1000000,01', limite_mensagens: '1', limite_tokens: '1' }).problems.preco).toMatch(
      /No máximo/,
    );
  });
});

describe('console: planos', () => {
  it('o formulário mostra os problemas sem chamar o master e cria com o preço em centavos', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'POST /planos': { status: 201, body: plano() },
      'GET /planos': { body: { data: [plano()] } },
    });
    renderConsole('/planos/novo');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Criar plano' }));
    expect(screen.getByLabelText('Nome').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Informe o preço em reais, ex.: 199,90.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Nome'), 'Profissional');
    await user.type(screen.getByLabelText('Preço mensal (R$)'), '199,90');
    await user.type(screen.getByLabelText('Limite de mensagens por mês'), '5000');
    await user.type(screen.getByLabelText('Limite de tokens de IA por mês'), '2000000');
    await user.click(screen.getByRole('button', { name: 'Criar plano' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Planos' })).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      nome: 'Profissional',
      preco_mensal: 19990,
      limite_mensagens: 5000,
      limite_tokens: 2000000,
    });
    expect(within(await screen.findByRole('table')).getByText('R$ 199,90')).toBeTruthy();
  });

  it('um nome repetido mostra o erro do master', async () => {
    stubApi({
      'GET /auth/me': { body: operador },
      'GET /planos/:id': { body: plano() },
      'PATCH /planos/:id': apiError(409, 'PLANO_NOME_TAKEN', 'Já existe um plano com esse nome.'),
    });
    renderConsole('/planos/3');
    const user = userEvent.setup();
    const nome = await screen.findByLabelText('Nome');
    expect((nome as HTMLInputElement).value).toBe('Profissional');
    expect((screen.getByLabelText('Preço mensal (R$)') as HTMLInputElement).value).toBe('199,90');
    await user.clear(nome);
    await user.type(nome, 'Básico');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Já existe um plano com esse nome.');
  });

  it('desativar um plano envia ativo: false; um leitor não vê as ações', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'GET /planos': { body: { data: [plano()] } },
      'PATCH /planos/:id': { body: plano({ ativo: false }) },
    });
    renderConsole('/planos');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Desativar o plano Profissional' }));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ ativo: false });
  });

  it('um leitor (viewer) não vê criar, editar nem desativar', async () => {
    stubApi({ 'GET /auth/me': { body: { ...operador, role: 'viewer' } }, 'GET /planos': { body: { data: [plano()] } } });
    renderConsole('/planos');
    expect(await screen.findByRole('rowheader', { name: 'Profissional' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Novo plano' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Desativar/ })).toBeNull();
  });
});
