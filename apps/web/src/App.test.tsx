import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi, XSS } from './test/fetch-stub';
import { carrosLoja } from './test/fixtures';
import { lojaRoute, renderStore } from './test/render-store';

describe('a store host', () => {
  it('shows "Loja não encontrada" for a host no store answers to', async () => {
    stubApi({ 'GET /loja': apiError(404, 'TENANT_NOT_FOUND', 'Loja não encontrada.') });
    renderStore('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Loja não encontrada' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /tentar de novo/i })).toBeNull();
  });

  it('shows "Loja indisponível no momento" and no catalogue for a suspended store', async () => {
    const calls = stubApi(lojaRoute({ ...carrosLoja, status_loja: 'indisponivel' }));
    renderStore('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Loja indisponível no momento' })).toBeTruthy();
    expect(calls.map((call) => call.path)).toEqual(['/loja']);
    expect(screen.queryByRole('button', { name: /fale com/i })).toBeNull();
  });

  it('explains when the platform is out of reach and loads the store on "Tentar de novo"', async () => {
    let down = true;
    stubApi({
      'GET /loja': () => (down ? apiError(503, 'MASTER_INDISPONIVEL') : { body: carrosLoja }),
      'GET /veiculos': { body: { veiculos: [], paginacao: { page: 1, per_page: 12, total: 0 } } },
    });
    renderStore('/');
    expect(await screen.findByRole('heading', { name: 'Não conseguimos falar com a loja agora' })).toBeTruthy();
    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Carros à venda' })).toBeTruthy();
  });

  it("applies the store's name and colour, with readable text on it", async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos': { body: { veiculos: [], paginacao: { page: 1, per_page: 12, total: 0 } } } });
    renderStore('/');
    expect(await screen.findByRole('link', { name: /Feirão ShowCar/ })).toBeTruthy();
    const style = document.documentElement.style;
    expect(style.getPropertyValue('--cor-primaria')).toBe('#ffd400');
    // Yellow is light: text on it is dark, and the colour used as text on white is darkened.
    expect(style.getPropertyValue('--cor-primaria-contraste')).toBe('#000000');
    expect(style.getPropertyValue('--cor-primaria-texto')).not.toBe('#ffd400');
    await waitFor(() => expect(document.title).toBe('Carros à venda · Feirão ShowCar'));
  });

  it("shows markup in the store's name as text and ignores a logo address that is not an image URL", async () => {
    stubApi({
      ...lojaRoute({ ...carrosLoja, nome: XSS, logo_url: 'javascript:alert(1)' }),
      'GET /veiculos': { body: { veiculos: [], paginacao: { page: 1, per_page: 12, total: 0 } } },
    });
    const { container } = renderStore('/');
    expect((await screen.findByRole('banner')).textContent).toContain(XSS);
    expect(container.querySelector('img')).toBeNull();
  });

  it("shows the store's own uploaded logo through the web service", async () => {
    stubApi({
      ...lojaRoute({ ...carrosLoja, logo_url: '/fotos/logo-1.png' }),
      'GET /veiculos': { body: { veiculos: [], paginacao: { page: 1, per_page: 12, total: 0 } } },
    });
    const { container } = renderStore('/');
    await screen.findByRole('banner');
    expect(container.querySelector('img.logo')?.getAttribute('src')).toBe('/api/fotos/logo-1.png');
  });
});
