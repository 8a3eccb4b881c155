import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubApi, XSS, type ApiCall } from '../test/fetch-stub';
import { carrosLoja, imovel, imoveisLoja, veiculo } from '../test/fixtures';
import { lojaRoute, renderStore } from '../test/render-store';

const page = (veiculos: unknown[], total = veiculos.length, pageNo = 1) => ({
  body: { success: true, veiculos, paginacao: { page: pageNo, per_page: 12, total } },
});

const lastList = (calls: ApiCall[]) => calls.filter((call) => call.path === '/veiculos').at(-1) as ApiCall;

describe('the car catalogue', () => {
  it('shows the cars with price in reais, year, mileage and photo', async () => {
    stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos': page([
        veiculo({ fotos: [{ id: 1, url: '/fotos/abc123.jpg', ordem: 0, principal: true }] }),
        veiculo({ id: 2, marca: 'Honda', modelo: 'Civic', ano: 2019, ano_modelo: 2019, preco: 89990.5, km: null }),
      ]),
    });
    const { container } = renderStore('/');
    const corolla = await screen.findByRole('link', { name: /Toyota Corolla XEi/ });
    expect(corolla.getAttribute('href')).toBe('/veiculos/1');
    expect(within(corolla).getByText('2021/2022')).toBeTruthy();
    expect(corolla.textContent).toMatch(/R\$\s115\.900/);
    expect(within(corolla).getByText(/32\.000 km/)).toBeTruthy();
    // The store's own uploads are read through the web service.
    expect(container.querySelector('img.cartao__foto')?.getAttribute('src')).toBe('/api/fotos/abc123.jpg');
    expect(screen.getByRole('link', { name: /Honda Civic/ }).textContent).toMatch(/R\$\s89\.990,50/);
    expect(screen.getByRole('status').textContent).toBe('2 veículos encontrados');
  });

  it('puts the filters in the URL, asks the robot with them and goes back with the browser', async () => {
    const calls = stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos': ({ query }) => (query.get('marca') ? page([veiculo({ id: 9, marca: 'Fiat', modelo: 'Uno' })]) : page([veiculo()])),
    });
    renderStore('/');
    await screen.findByRole('link', { name: /Toyota/ });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Marca'), 'Fiat');
    await user.type(screen.getByLabelText('Preço máximo (R$)'), '50000');
    await user.click(screen.getByRole('button', { name: 'Filtrar' }));

    expect(await screen.findByRole('link', { name: /Fiat Uno/ })).toBeTruthy();
    const params = new URLSearchParams(window.location.search);
    expect(params.get('marca')).toBe('Fiat');
    expect(params.get('preco_max')).toBe('50000');
    expect(lastList(calls).query.get('marca')).toBe('Fiat');
    expect(lastList(calls).query.get('preco_max')).toBe('50000');

    window.history.back();
    expect(await screen.findByRole('link', { name: /Toyota/ })).toBeTruthy();
    expect((screen.getByLabelText('Marca') as HTMLInputElement).value).toBe('');
  });

  it('sorts and pages through the URL, keeping the filters', async () => {
    const calls = stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos': page([veiculo()], 30) });
    renderStore('/?marca=Toyota');
    await screen.findByRole('link', { name: /Toyota/ });
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Ordenar por'), 'menor_preco');
    await waitFor(() => expect(lastList(calls).query.get('ordem')).toBe('menor_preco'));
    expect(lastList(calls).query.get('marca')).toBe('Toyota');

    await user.click(screen.getByRole('link', { name: 'Página 3' }));
    await waitFor(() => expect(lastList(calls).query.get('page')).toBe('3'));
    expect(new URLSearchParams(window.location.search).toString()).toBe('marca=Toyota&ordem=menor_preco&page=3');
    expect(screen.getByRole('link', { name: 'Página 3' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('link', { name: 'Próxima página' })).toBeNull();
  });

  it('opens a car and comes back to the same filtered page, the focus on the new page', async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos': page([veiculo()], 30, 2), 'GET /veiculos/:id': { body: veiculo() } });
    renderStore('/?marca=Toyota&page=2');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: /Toyota Corolla/ }));
    expect(await screen.findByRole('heading', { level: 1, name: /Toyota Corolla XEi/ })).toBeTruthy();
    expect(window.location.pathname).toBe('/veiculos/1');
    expect(document.activeElement?.id).toBe('conteudo');
    await user.click(screen.getByRole('link', { name: /Voltar ao catálogo/ }));
    await screen.findByRole('link', { name: /Toyota Corolla/ });
    expect(window.location.pathname + window.location.search).toBe('/?marca=Toyota&page=2');
  });

  it('says so when nothing matches, with a way back to everything', async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos': page([]) });
    renderStore('/?marca=Ferrari');
    expect(await screen.findByText('Nenhum veículo encontrado com esses filtros.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ver todo o catálogo' }).getAttribute('href')).toBe('/');
  });

  it('explains a robot that is down and tries again', async () => {
    let down = true;
    stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos': () => (down ? { status: 503, body: { error: { code: 'ROBO_INDISPONIVEL', message: 'x' } } } : page([veiculo()])),
    });
    renderStore('/');
    expect((await screen.findByRole('alert')).textContent).toMatch('Não conseguimos carregar os veículos agora');
    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Tentar de novo' }));
    expect(await screen.findByRole('link', { name: /Toyota/ })).toBeTruthy();
  });

  it('shows markup in an item as text and drops unsafe photo addresses', async () => {
    stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos': page([
        veiculo({ modelo: XSS, cor: XSS, fotos: [{ id: 1, url: 'javascript:alert(1)', ordem: 0, principal: true }] }),
      ]),
    });
    const { container } = renderStore('/');
    const card = await screen.findByRole('link', { name: /Toyota/ });
    expect(card.textContent).toContain(XSS);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('img[src^="javascript"]')).toBeNull();
  });
});

describe('the real-estate catalogue', () => {
  it('shows properties with their own filters from the same app', async () => {
    const calls = stubApi({
      ...lojaRoute(imoveisLoja),
      'GET /imoveis': { body: { imoveis: [imovel()], paginacao: { page: 1, per_page: 12, total: 1 } } },
    });
    renderStore('/');
    const card = await screen.findByRole('link', { name: /Apartamento com varanda/ });
    expect(card.getAttribute('href')).toBe('/imoveis/7');
    expect(card.textContent).toMatch(/R\$\s2\.500\/mês/);
    expect(card.textContent).toContain('Apartamento · Aluguel');
    expect(card.textContent).toContain('2 quartos');
    expect(screen.getByRole('heading', { level: 1, name: 'Imóveis disponíveis' })).toBeTruthy();
    for (const label of ['Tipo', 'Finalidade', 'Bairro', 'Cidade', 'Quartos', 'Preço mínimo (R$)', 'Preço máximo (R$)']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Tipo'), 'casa');
    await user.selectOptions(screen.getByLabelText('Quartos'), '3');
    await user.click(screen.getByRole('button', { name: 'Filtrar' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('tipo')).toBe('casa'));
    expect(calls.at(-1)?.query.get('quartos_min')).toBe('3');
    expect(calls.every((call) => call.path !== '/veiculos')).toBe(true);
  });
});
