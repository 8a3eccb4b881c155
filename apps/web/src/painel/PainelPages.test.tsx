import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi, XSS } from '../test/fetch-stub';
import { imoveisLoja } from '../test/fixtures';
import { dona, renderPainel, vendedor } from './painel-test-kit';

describe('painel: clientes', () => {
  it('busca clientes e lista as conversas do escolhido, com nomes e prévias como texto', async () => {
    const calls = stubApi({
      'GET /equipe/eu': { body: vendedor },
      'GET /clientes': {
        body: {
          clientes: [{ id: 8, nome: XSS, telefone: '11999990000', email: null, criado_em: '2026-12-01T12:00:00.000Z' }],
          paginacao: { page: 1, per_page: 25, total: 1 },
        },
      },
      'GET /conversas': {
        body: {
          conversas: [
            {
              id: 3,
              cliente_id: 8,
              status: 'negociando',
              ultima_mensagem: 'Quero o Corolla',
              ultima_interacao: null,
              criado_em: '2026-12-02T13:00:00.000Z',
            },
          ],
          paginacao: { page: 1, per_page: 50, total: 1 },
        },
      },
    });
    renderPainel('/painel/clientes');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Buscar por nome ou telefone'), '1199');
    await user.click(screen.getByRole('button', { name: 'Buscar' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('busca')).toBe('1199'));
    expect(await screen.findByRole('rowheader', { name: XSS })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: `Ver conversas de ${XSS}` }));
    const link = await screen.findByRole('link', { name: 'Conversa de 02/12/2026, 10:00 · Negociando' });
    expect(link.getAttribute('href')).toBe('/painel/conversas/3');
    expect(calls.find((call) => call.path === '/conversas')?.query.get('cliente_id')).toBe('8');
    expect(screen.getByText('Quero o Corolla')).toBeTruthy();
  });
});

describe('painel: aparência da loja (dono)', () => {
  it('valida a cor e o logotipo e salva com PATCH /loja', async () => {
    const calls = stubApi({ 'GET /equipe/eu': { body: dona }, 'PATCH /loja': { body: { nome: 'Feirão ShowCar' } } });
    renderPainel('/painel/loja');
    const user = userEvent.setup();
    const logo = await screen.findByLabelText('Endereço do logotipo');
    await user.type(logo, 'javascript:alert(1)');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(logo.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);

    await user.clear(logo);
    await user.type(logo, 'https://cdn.exemplo.com/logo.png');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText(/Salvo\./)).toBeTruthy();
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      nome: 'Feirão ShowCar',
      logo_url: 'https://cdn.exemplo.com/logo.png',
      cor_primaria: '#ffd400',
    });
  });
});

describe('painel: imobiliária', () => {
  it('o catálogo e o formulário seguem a vertical da loja (imóveis, visitas)', async () => {
    const calls = stubApi({
      'GET /equipe/eu': { body: vendedor },
      'POST /imoveis': ({ body }) => ({ status: 201, body: { id: 70, fotos: [], ...(body as object) } }),
      'GET /imoveis/:id': apiError(404, 'IMOVEL_NOT_FOUND', 'Imóvel 70 não encontrado.'),
    });
    renderPainel('/painel/catalogo/novo', imoveisLoja);
    const user = userEvent.setup();
    const nav = await screen.findByRole('navigation', { name: 'Painel' });
    expect(within(nav).getByRole('link', { name: 'Imóveis' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Visitas' })).toBeTruthy();

    await user.type(screen.getByLabelText('Título'), 'Casa com quintal');
    await user.selectOptions(screen.getByLabelText('Tipo'), 'casa');
    await user.selectOptions(screen.getByLabelText('Finalidade'), 'aluguel');
    await user.type(screen.getByLabelText('Preço (R$)'), '3.500');
    await user.type(screen.getByLabelText('UF'), 'sp');
    await user.type(screen.getByLabelText('Área (m²)'), '120,5');
    await user.click(screen.getByRole('button', { name: 'Cadastrar' }));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
        titulo: 'Casa com quintal',
        tipo: 'casa',
        finalidade: 'aluguel',
        preco: 3500,
        uf: 'SP',
        area_m2: 120.5,
        status: 'disponivel',
      }),
    );
  });
});
