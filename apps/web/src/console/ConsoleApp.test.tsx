import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi, type ApiCall } from '../test/fetch-stub';
import { operador, renderConsole, resumoVazio, tenant, usoVazio } from './console-test-kit';

const dashboard = {
  'GET /analytics/resumo': { body: resumoVazio },
  'GET /analytics/uso': ({ query }: ApiCall) => ({ body: { ...usoVazio, mes: query.get('mes') ?? usoVazio.mes } }),
};

describe('console: sessão', () => {
  it('sem sessão mostra o login; entrar chama /auth/login e abre a visão geral', async () => {
    let logged = false;
    const calls = stubApi({
      'GET /auth/me': () => (logged ? { body: operador } : apiError(401, 'UNAUTHORIZED', 'Sem token válido')),
      'POST /auth/login': () => {
        logged = true;
        return { body: { expira_em: '2026-12-05T20:00:00Z' } };
      },
      ...dashboard,
    });
    renderConsole('/');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-mail'), 'ops@vendeai.com');
    await user.type(screen.getByLabelText('Senha'), 'uma senha qualquer');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Visão geral' })).toBeTruthy();
    expect(screen.getByText(/Ana Operadora/)).toBeTruthy();
    const login = calls.find((call) => call.method === 'POST' && call.path === '/auth/login');
    expect(login?.body).toEqual({ email: 'ops@vendeai.com', password: 'uma senha qualquer' });
  });

  it('login recusado mostra a mensagem do servidor e fica na página', async () => {
    stubApi({
      'GET /auth/me': apiError(401, 'UNAUTHORIZED'),
      'POST /auth/login': apiError(401, 'INVALID_CREDENTIALS', 'E-mail ou senha inválidos.'),
    });
    renderConsole('/');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-mail'), 'ops@vendeai.com');
    await user.type(screen.getByLabelText('Senha'), 'errada');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect((await screen.findByRole('alert')).textContent).toBe('E-mail ou senha inválidos.');
    expect(screen.getByRole('button', { name: 'Entrar' })).toBeTruthy();
  });

  it('uma resposta 401 no meio do uso volta ao login avisando que a sessão expirou', async () => {
    stubApi({ 'GET /auth/me': { body: operador }, 'GET /tenants': apiError(401, 'UNAUTHORIZED'), 'GET /planos': { body: { data: [] } } });
    renderConsole('/clientes');
    expect(await screen.findByText('Sua sessão expirou. Entre de novo.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Entrar' })).toBeTruthy();
  });

  it('sair chama /auth/logout e volta ao login', async () => {
    const calls = stubApi({ 'GET /auth/me': { body: operador }, 'POST /auth/logout': { status: 204 }, ...dashboard });
    renderConsole('/');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sair' }));
    expect(await screen.findByRole('button', { name: 'Entrar' })).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.path === '/auth/logout')).toBe(true);
  });
});

describe('console: navegação', () => {
  it('trocar de página leva o foco ao título da nova página (teclado e leitores de tela)', async () => {
    stubApi({ 'GET /auth/me': { body: operador }, ...dashboard, 'GET /planos': { body: { data: [] } } });
    renderConsole('/');
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Visão geral' });
    const link = within(screen.getByRole('navigation', { name: 'Console' })).getByRole('link', { name: 'Planos' });
    link.focus();
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Planos' });
    expect(document.activeElement).toBe(heading);
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Planos · Console VendeAI');
  });
});

describe('console: senha', () => {
  it('confere a nova senha antes de enviar; trocada, volta ao login', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'POST /auth/senha': { body: { expira_em: '2026-12-05T20:00:00Z' } },
      'POST /auth/logout': apiError(401, 'UNAUTHORIZED'),
    });
    renderConsole('/senha');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Senha atual'), 'senha-antiga-123');
    await user.type(screen.getByLabelText('Nova senha'), 'nova-senha-boa-1');
    await user.type(screen.getByLabelText('Repita a nova senha'), 'nova-senha-boa-2');
    await user.click(screen.getByRole('button', { name: 'Trocar senha' }));
    expect(screen.getByText('As duas senhas não são iguais.')).toBeTruthy();
    expect(calls.some((call) => call.path === '/auth/senha')).toBe(false);

    await user.clear(screen.getByLabelText('Repita a nova senha'));
    await user.type(screen.getByLabelText('Repita a nova senha'), 'nova-senha-boa-1');
    await user.click(screen.getByRole('button', { name: 'Trocar senha' }));
    expect(await screen.findByText('Senha alterada. Entre com a nova senha.')).toBeTruthy();
    expect(calls.find((call) => call.path === '/auth/senha')?.body).toEqual({
      senha_atual: 'senha-antiga-123',
      nova_senha: 'nova-senha-boa-1',
    });
  });
});

describe('console: clientes', () => {
  it('o filtro de vertical pede a lista de novo ao master e mostra a resposta', async () => {
    const alpha = tenant();
    const beta = tenant({ id: 2, tenant_key: 'imob_beta', nome: 'Imobiliária Beta', robo_tipo: 'imoveis' });
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'GET /tenants': ({ query }) => {
        const data = [alpha, beta].filter((t) => !query.get('robo_tipo') || t.robo_tipo === query.get('robo_tipo'));
        return { body: { data, page: 1, per_page: 25, total: data.length } };
      },
    });
    renderConsole('/clientes');
    expect(await screen.findByRole('link', { name: 'Feirão ShowCar' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Imobiliária Beta' })).toBeTruthy();

    await userEvent.setup().selectOptions(screen.getByLabelText('Vertical'), 'imoveis');

    await waitFor(() => expect(screen.queryByRole('link', { name: 'Feirão ShowCar' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Imobiliária Beta' })).toBeTruthy();
    expect(screen.getByText('1 cliente')).toBeTruthy();
    expect(calls.at(-1)?.query.get('robo_tipo')).toBe('imoveis');
    expect(window.location.search).toContain('robo_tipo=imoveis');
  });

  it('a busca vai ao master e fica no endereço', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'GET /tenants': ({ query }) => {
        const data = query.get('busca') ? [] : [tenant()];
        return { body: { data, page: 1, per_page: 25, total: data.length } };
      },
    });
    renderConsole('/clientes?status=active');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Buscar por chave ou nome'), 'imob');
    await user.click(screen.getByRole('button', { name: 'Buscar' }));
    expect(await screen.findByText('Nenhum cliente com esses filtros.')).toBeTruthy();
    expect(calls.at(-1)?.query.get('busca')).toBe('imob');
    expect(calls.at(-1)?.query.get('status')).toBe('active');
  });

  it('o cadastro mostra a chave de API e o convite do dono uma única vez', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'GET /planos': { body: { data: [] } },
      'POST /tenants': {
        status: 201,
        body: {
          tenant: tenant({ tenant_key: 'loja_nova', nome: 'Loja Nova' }),
          api_key: 'hx_live_chave-secreta-123',
          convite_url: 'http://loja-nova.localhost:3003/painel/convite#tok-abc',
          convite_email: { enviado: true },
          assinatura: null,
        },
      },
      'GET /tenants/:key': { body: tenant({ tenant_key: 'loja_nova', nome: 'Loja Nova' }) },
      'GET /tenants/:key/uso': apiError(404, 'TENANT_NOT_FOUND'),
      'GET /tenants/:key/assinaturas': { body: { data: [] } },
    });
    renderConsole('/clientes/novo');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Nome da loja'), 'Loja Nova');
    await user.type(screen.getByLabelText(/Chave do cliente/), 'loja_nova');
    await user.type(screen.getByLabelText(/E-mail do responsável/), 'dono@lojanova.com.br');
    await user.click(screen.getByRole('button', { name: 'Criar cliente' }));

    expect(await screen.findByText('hx_live_chave-secreta-123')).toBeTruthy();
    expect(screen.getByText('http://loja-nova.localhost:3003/painel/convite#tok-abc')).toBeTruthy();
    expect(screen.getByText('Convite enviado por e-mail.')).toBeTruthy();
    expect(screen.getByText(/aparece uma única vez/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copiar chave de api' })).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      tenant_key: 'loja_nova',
      nome: 'Loja Nova',
      robo_tipo: 'carros',
      email_responsavel: 'dono@lojanova.com.br',
    });

    await user.click(screen.getByRole('link', { name: 'Ver o cliente' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Loja Nova' })).toBeTruthy();
    expect(screen.queryByText('hx_live_chave-secreta-123')).toBeNull();
    expect(screen.queryByText(/convite#tok-abc/)).toBeNull();
  });

  it('o cadastro recusa uma chave inválida sem chamar o master', async () => {
    const calls = stubApi({ 'GET /auth/me': { body: operador }, 'GET /planos': { body: { data: [] } } });
    renderConsole('/clientes/novo');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Nome da loja'), 'Loja');
    await user.type(screen.getByLabelText(/Chave do cliente/), 'Loja-Nova');
    await user.click(screen.getByRole('button', { name: 'Criar cliente' }));
    expect(screen.getByLabelText(/Chave do cliente/).getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('gerar nova chave pede confirmação e mostra a chave nova uma vez', async () => {
    const calls = stubApi({
      'GET /auth/me': { body: operador },
      'GET /tenants/:key': { body: tenant() },
      'GET /tenants/:key/uso': {
        body: {
          tenant_key: 'garage_alpha',
          mes: '2026-12',
          mensagens_usadas: 4500,
          tokens_usados: 10,
          limite_mensagens: 5000,
          limite_tokens: null,
          plano: { id: 3, nome: 'Profissional' },
        },
      },
      'GET /tenants/:key/assinaturas': { body: { data: [] } },
      'GET /planos': { body: { data: [] } },
      'POST /tenants/:key/api-keys': {
        status: 201,
        body: { tenant_key: 'garage_alpha', api_key: 'hx_live_nova', api_key_prefix: 'hx_live_no' },
      },
    });
    renderConsole('/clientes/garage_alpha');
    const user = userEvent.setup();
    expect(await screen.findByText('4.500 de 5.000 (90%)')).toBeTruthy();
    expect(screen.getByText('Acima de 80% do limite do plano.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Gerar nova chave de API' }));
    expect(calls.some((call) => call.path.endsWith('/api-keys'))).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Sim, gerar' }));
    expect(await screen.findByText('hx_live_nova')).toBeTruthy();
  });
});

describe('console: visão geral', () => {
  it('mostra a receita por plano e as mensagens por vertical também em tabelas', async () => {
    stubApi({
      'GET /auth/me': { body: operador },
      'GET /analytics/resumo': {
        body: {
          ...resumoVazio,
          assinaturas: {
            ...resumoVazio.assinaturas,
            ativas: 2,
            por_plano: [{ plano_id: 3, nome: 'Profissional', assinaturas: 2, mrr_centavos: 39980 }],
          },
          mrr_centavos: 39980,
        },
      },
      'GET /analytics/uso': ({ query }) => ({
        body: {
          ...usoVazio,
          mes: query.get('mes') ?? usoVazio.mes,
          por_robo_tipo: [{ robo_tipo: 'carros', tenants: 1, mensagens: 1200, tokens: 5 }],
          por_tenant: {
            data: [
              {
                tenant_key: 'garage_alpha',
                nome: 'Feirão ShowCar',
                robo_tipo: 'carros',
                mensagens: 1200,
                tokens: 5,
                percentual_mensagens: 24,
                percentual_tokens: null,
              },
            ],
            page: 1,
            per_page: 20,
            total: 1,
          },
        },
      }),
    });
    renderConsole('/');
    const mrr = await screen.findByRole('table', { name: 'Receita mensal recorrente por plano' });
    expect(within(mrr).getByText('R$ 399,80')).toBeTruthy();
    const mensagens = await screen.findByRole('table', { name: 'Mensagens por vertical e mês' });
    expect(within(mensagens).getAllByRole('row')).toHaveLength(7);
    expect(within(mensagens).getAllByText('1.200')).toHaveLength(6);
    const porCliente = await screen.findByRole('table', { name: 'Uso por cliente contra os limites do plano' });
    expect(within(porCliente).getByRole('meter', { name: 'Mensagens de Feirão ShowCar: 24%' })).toBeTruthy();
    expect(within(porCliente).getByText('sem limite')).toBeTruthy();
  });
});
