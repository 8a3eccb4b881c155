import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { todayInSaoPaulo } from '../shared/format';
import { apiError, stubApi, XSS } from '../test/fetch-stub';
import { carrosLoja, fotos, imovel, imoveisLoja, veiculo } from '../test/fixtures';
import { lojaRoute, renderStore } from '../test/render-store';

const tomorrow = () => todayInSaoPaulo(new Date(Date.now() + 24 * 3600 * 1000));

async function fillBooking(user: ReturnType<typeof userEvent.setup>, day: string, time: string) {
  fireEvent.change(screen.getByLabelText('Dia'), { target: { value: day } });
  await user.selectOptions(screen.getByLabelText('Horário'), time);
  await user.type(screen.getByLabelText('Seu nome'), 'Ana Souza');
  await user.type(screen.getByLabelText('Telefone (com DDD)'), '11987654321');
}

describe('the detail page', () => {
  it("shows the car's facts and description, and a gallery driven by the keyboard", async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos/:id': { body: veiculo({ fotos: fotos(3) }) } });
    renderStore('/veiculos/1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Toyota Corolla XEi 2021/2022' })).toBeTruthy();
    expect(screen.getByText('Único dono, revisões na concessionária.')).toBeTruthy();
    expect(screen.getByText('Automático')).toBeTruthy();

    const gallery = screen.getByRole('region', { name: 'Fotos de Toyota Corolla XEi 2021/2022' });
    const photo = () => within(gallery).getByRole('img', { name: /foto \d de 3/ }) as HTMLImageElement;
    expect(photo().src).toBe('https://cdn.example.com/foto-1.jpg');

    const user = userEvent.setup();
    within(gallery).getByRole('button', { name: 'Próxima foto' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(photo().src).toBe('https://cdn.example.com/foto-2.jpg');
    expect(within(gallery).getByText('Foto 2 de 3')).toBeTruthy();
    await user.keyboard('{End}');
    expect(photo().alt).toBe('Toyota Corolla XEi 2021/2022, foto 3 de 3');
    await user.keyboard('{ArrowRight}');
    expect(photo().src).toBe('https://cdn.example.com/foto-1.jpg');
    await user.keyboard('{ArrowLeft}');
    expect(photo().src).toBe('https://cdn.example.com/foto-3.jpg');
    await user.keyboard('{Home}');
    expect(photo().src).toBe('https://cdn.example.com/foto-1.jpg');

    // Tab to a thumbnail and press Enter: it becomes the large photo.
    const second = within(gallery).getByRole('button', { name: 'Ver foto 2 de 3' });
    second.focus();
    await user.keyboard('{Enter}');
    expect(photo().src).toBe('https://cdn.example.com/foto-2.jpg');
    expect(second.getAttribute('aria-current')).toBe('true');
  });

  it('books a test drive in São Paulo time for the visitor, opening its session first', async () => {
    let session = false;
    const calls = stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos/:id': { body: veiculo() },
      'POST /visitante/sessao': () => {
        session = true;
        return { status: 201, body: { expira_em: '2027-01-01T00:00:00Z', visitante_id: 'v1' } };
      },
      'POST /visitante/agendamentos': () =>
        session ? { status: 201, body: { id: 5 } } : apiError(401, 'VISITANTE_SESSION_REQUIRED', 'Sessão de visitante ausente.'),
    });
    renderStore('/veiculos/1');
    await screen.findByRole('heading', { level: 2, name: 'Agendar test drive' });
    const user = userEvent.setup();
    const day = tomorrow();
    await fillBooking(user, day, '14:30');
    await user.click(screen.getByRole('button', { name: 'Agendar test drive' }));

    expect((await screen.findByRole('status')).textContent).toMatch(/Pedido de test drive enviado!.*às 14:30/);
    const bookings = calls.filter((call) => call.path === '/visitante/agendamentos');
    expect(bookings).toHaveLength(2);
    expect(bookings[1].body).toEqual({
      veiculo_id: 1,
      tipo: 'test_drive',
      data_agendada: `${day}T14:30:00-03:00`,
      nome: 'Ana Souza',
      telefone: '11987654321',
    });
  });

  it('refuses a taken slot clearly and keeps what was typed', async () => {
    stubApi({
      ...lojaRoute(imoveisLoja),
      'GET /imoveis/:id': { body: imovel() },
      'POST /visitante/agendamentos': apiError(409, 'SLOT_TAKEN', 'Imóvel já tem um horário marcado.'),
    });
    renderStore('/imoveis/7');
    await screen.findByRole('heading', { level: 2, name: 'Agendar visita' });
    const user = userEvent.setup();
    await fillBooking(user, tomorrow(), '10:00');
    await user.click(screen.getByRole('button', { name: 'Agendar visita' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Esse horário já foi reservado. Escolha outro.');
    expect((screen.getByLabelText('Seu nome') as HTMLInputElement).value).toBe('Ana Souza');
    expect((screen.getByLabelText('Telefone (com DDD)') as HTMLInputElement).value).toBe('11987654321');
    expect((screen.getByLabelText('Horário') as HTMLSelectElement).value).toBe('10:00');
  });

  it("shows the server's reason beside a refused field", async () => {
    stubApi({
      ...lojaRoute(carrosLoja),
      'GET /veiculos/:id': { body: veiculo() },
      'POST /visitante/agendamentos': {
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'x', details: [{ campo: 'body.telefone', problema: 'telefone inválido' }] } },
      },
    });
    renderStore('/veiculos/1');
    await screen.findByRole('heading', { level: 2, name: 'Agendar test drive' });
    const user = userEvent.setup();
    await fillBooking(user, tomorrow(), '09:00');
    await user.click(screen.getByRole('button', { name: 'Agendar test drive' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Confira os campos destacados.');
    const telefone = screen.getByLabelText('Telefone (com DDD)');
    expect(telefone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(telefone.getAttribute('aria-describedby') as string)?.textContent).toBe('telefone inválido');
  });

  it('shows markup in the description and title as text', async () => {
    stubApi({ ...lojaRoute(imoveisLoja), 'GET /imoveis/:id': { body: imovel({ titulo: XSS, descricao: `Linda casa ${XSS}` }) } });
    const { container } = renderStore('/imoveis/7');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(XSS);
    expect(screen.getByText(`Linda casa ${XSS}`)).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
  });

  it('says the item is gone for an unknown id, with the way back', async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos/:id': apiError(404, 'VEICULO_NOT_FOUND') });
    renderStore('/veiculos/999');
    expect(await screen.findByRole('heading', { level: 1, name: 'Veículo não encontrado' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Voltar ao catálogo/ }).getAttribute('href')).toBe('/');
  });

  it('offers no booking for a sold car', async () => {
    stubApi({ ...lojaRoute(carrosLoja), 'GET /veiculos/:id': { body: veiculo({ status: 'vendido' }) } });
    renderStore('/veiculos/1');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('Vendido');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Agendar test drive' })).toBeNull());
  });
});
