import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi, XSS, type StubAnswer } from '../../test/fetch-stub';
import { carrosLoja, veiculo } from '../../test/fixtures';
import { lojaRoute, renderStore } from '../../test/render-store';

const catalogue = { 'GET /veiculos': { body: { veiculos: [veiculo()], paginacao: { page: 1, per_page: 12, total: 1 } } } };
const noConversation = { 'GET /visitante/conversa': apiError(401, 'VISITANTE_SESSION_REQUIRED') };

async function openChat(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Fale com o vendedor' }));
  return screen.findByRole('dialog', { name: /Fale com o vendedor/ });
}

describe('the chat with the AI seller', () => {
  it('brings the conversation back after a reload, messages as text', async () => {
    stubApi({
      ...lojaRoute(carrosLoja),
      ...catalogue,
      'GET /visitante/conversa': {
        body: {
          visitante: { nome: 'Ana', telefone: '11987654321' },
          conversa: {
            id: 3,
            mensagens: [
              { id: 1, tipo: 'recebida', conteudo: `Oi ${XSS}`, em: '2026-12-05T13:00:00Z' },
              { id: 2, tipo: 'enviada', conteudo: 'Temos o Corolla 2021.', em: '2026-12-05T13:00:02Z' },
            ],
          },
        },
      },
    });
    const { container } = renderStore('/');
    const user = userEvent.setup();
    const chat = await openChat(user);
    expect(await within(chat).findByText(`Oi ${XSS}`)).toBeTruthy();
    expect(within(chat).getByText('Temos o Corolla 2021.')).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    // Times are São Paulo's (UTC−3).
    expect(within(chat).getAllByText('10:00')).toHaveLength(2);
    expect((within(chat).getByLabelText('Nome') as HTMLInputElement).value).toBe('Ana');
  });

  it('sends on Enter, breaks the line on Shift+Enter, opens the session when needed and announces the reply', async () => {
    let session = false;
    const calls = stubApi({
      ...lojaRoute(carrosLoja),
      ...catalogue,
      ...noConversation,
      'POST /visitante/sessao': () => {
        session = true;
        return { status: 201, body: { visitante_id: 'v1' } };
      },
      'POST /visitante/chat': (): StubAnswer =>
        session ? { body: { resposta: `Temos sim! ${XSS}`, conversa_id: 3 } } : apiError(401, 'VISITANTE_SESSION_REQUIRED'),
    });
    const { container } = renderStore('/');
    const user = userEvent.setup();
    const chat = await openChat(user);
    const box = within(chat).getByLabelText('Sua mensagem') as HTMLTextAreaElement;
    await waitFor(() => expect(document.activeElement).toBe(box));

    await user.type(box, 'Tem Corolla?{Shift>}{Enter}{/Shift}Automático');
    expect(box.value).toBe('Tem Corolla?\nAutomático');
    expect(calls.some((call) => call.path === '/visitante/chat')).toBe(false);
    await user.keyboard('{Enter}');

    expect(await within(chat).findByText(`Temos sim! ${XSS}`)).toBeTruthy();
    expect(within(chat).getByText('Tem Corolla? Automático', { normalizer: (t) => t.replace(/\s+/g, ' ') })).toBeTruthy();
    expect(box.value).toBe('');
    expect(container.querySelector('img[src="x"]')).toBeNull();
    const live = chat.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(live.textContent).toBe(`vendedor respondeu: Temos sim! ${XSS}`);
    const sent = calls.filter((call) => call.path === '/visitante/chat');
    expect(sent.map((call) => call.body)).toEqual([{ mensagem: 'Tem Corolla?\nAutomático' }, { mensagem: 'Tem Corolla?\nAutomático' }]);
    expect(calls.filter((call) => call.path === '/visitante/sessao')).toHaveLength(1);
  });

  it('sends the optional name and phone with the message', async () => {
    const calls = stubApi({
      ...lojaRoute(carrosLoja),
      ...catalogue,
      ...noConversation,
      'POST /visitante/chat': { body: { resposta: 'Olá, Ana!' } },
    });
    renderStore('/');
    const user = userEvent.setup();
    const chat = await openChat(user);
    await user.click(within(chat).getByText('Deixe seu nome e telefone (opcional)'));
    await user.type(within(chat).getByLabelText('Nome'), 'Ana');
    await user.type(within(chat).getByLabelText('Telefone (com DDD)'), '11987654321');
    await user.type(within(chat).getByLabelText('Sua mensagem'), 'Oi{Enter}');
    await within(chat).findByText('Olá, Ana!');
    expect(calls.find((call) => call.path === '/visitante/chat')?.body).toEqual({ mensagem: 'Oi', nome: 'Ana', telefone: '11987654321' });
  });

  it.each([
    [
      'too many messages',
      apiError(429, 'VISITANTE_RATE_LIMITED', 'x', { headers: { 'Retry-After': '20' } }),
      'Muitas mensagens em pouco tempo. Aguarde 20 segundos e tente de novo.',
    ],
    ["the plan's quota", apiError(429, 'QUOTA_EXCEEDED'), /atingiu o limite do plano/],
    ['the robot down', apiError(503, 'ROBO_INDISPONIVEL'), 'O atendimento da loja está fora do ar agora. Tente de novo em instantes.'],
  ])('explains %s and keeps the message to send again', async (_case, answer, message) => {
    stubApi({ ...lojaRoute(carrosLoja), ...catalogue, ...noConversation, 'POST /visitante/chat': answer });
    renderStore('/');
    const user = userEvent.setup();
    const chat = await openChat(user);
    const box = within(chat).getByLabelText('Sua mensagem') as HTMLTextAreaElement;
    await user.type(box, 'Oi{Enter}');
    expect((await within(chat).findByRole('alert')).textContent).toMatch(message);
    expect(box.value).toBe('Oi');
    expect(within(within(chat).getByRole('list', { name: 'Mensagens' })).queryByText('Oi')).toBeNull();
  });

  it('closes on Esc and gives the focus back to its button', async () => {
    stubApi({ ...lojaRoute(carrosLoja), ...catalogue, ...noConversation });
    renderStore('/');
    const user = userEvent.setup();
    await openChat(user);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    const button = screen.getByRole('button', { name: 'Fale com o vendedor' });
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('stays open across a reload of the tab', async () => {
    stubApi({ ...lojaRoute(carrosLoja), ...catalogue, ...noConversation });
    const first = renderStore('/');
    const user = userEvent.setup();
    await openChat(user);
    first.unmount();
    renderStore('/');
    expect(await screen.findByRole('dialog', { name: /Fale com o vendedor/ })).toBeTruthy();
  });
});
