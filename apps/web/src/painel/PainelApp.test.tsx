import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, stubApi, XSS } from '../test/fetch-stub';
import { veiculo } from '../test/fixtures';
import { dona, emptyCatalogue, renderPainel, vendedor } from './painel-test-kit';

describe('painel: convite e login', () => {
  it('o convite cria a senha com o token do link e já entra no painel', async () => {
    let signedIn = false;
    const calls = stubApi({
      'GET /equipe/eu': () => (signedIn ? { body: { usuario: dona } } : apiError(401, 'UNAUTHORIZED')),
      'POST /equipe/convite/aceitar': () => {
        signedIn = true;
        return { body: { expira_em: '2026-12-06T02:00:00Z', usuario: dona } };
      },
      ...emptyCatalogue,
    });
    renderPainel('/painel/convite#tok-123');
    const user = userEvent.setup();
    expect(await screen.findByText(/De 10 a 200 caracteres/)).toBeTruthy();

    await user.type(screen.getByLabelText('Nova senha'), 'curta');
    await user.type(screen.getByLabelText('Repita a senha'), 'curta');
    await user.click(screen.getByRole('button', { name: 'Criar senha e entrar' }));
    expect(screen.getByText('Use ao menos 10 caracteres.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await user.clear(screen.getByLabelText('Nova senha'));
    await user.clear(screen.getByLabelText('Repita a senha'));
    await user.type(screen.getByLabelText('Nova senha'), 'cavalo-bateria-grampo');
    await user.type(screen.getByLabelText('Repita a senha'), 'cavalo-bateria-grampo');
    await user.click(screen.getByRole('button', { name: 'Criar senha e entrar' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Veículos' })).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ token: 'tok-123', senha: 'cavalo-bateria-grampo' });
    expect(window.location.pathname).toBe('/painel');
  });

  it('o convite mostra o erro do servidor (senha comum, link vencido)', async () => {
    stubApi({
      'GET /equipe/eu': apiError(401, 'UNAUTHORIZED'),
      'POST /equipe/convite/aceitar': apiError(422, 'WEAK_PASSWORD', 'Essa senha está entre as mais usadas. Escolha outra.'),
    });
    renderPainel('/painel/convite#tok-123');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Nova senha'), '1234567890');
    await user.type(screen.getByLabelText('Repita a senha'), '1234567890');
    await user.click(screen.getByRole('button', { name: 'Criar senha e entrar' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Essa senha está entre as mais usadas. Escolha outra.');
  });

  it('sem sessão, uma página do painel leva ao login; entrar volta para ela', async () => {
    let signedIn = false;
    stubApi({
      'GET /equipe/eu': () => (signedIn ? { body: { usuario: vendedor } } : apiError(401, 'UNAUTHORIZED')),
      'POST /equipe/login': () => {
        signedIn = true;
        return { body: { usuario: vendedor } };
      },
      'GET /painel/uso': {
        body: {
          mes: '2026-12',
          plano: { id: 3, nome: 'Profissional' },
          assinatura: { status: 'active', ativa: true, data_fim: null },
          mensagens: { usadas: 10, limite: 100 },
          tokens: { usados: 0, limite: null },
        },
      },
    });
    renderPainel('/painel/uso');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('E-mail'), 'vini@showcar.com.br');
    await user.type(screen.getByLabelText('Senha'), 'senha-do-vini');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Uso do plano neste mês' })).toBeTruthy();
    expect(await screen.findByText('10 de 100 (10%)')).toBeTruthy();
  });

  it('um 401 durante o uso volta ao login', async () => {
    stubApi({ 'GET /equipe/eu': { body: dona }, 'GET /veiculos': apiError(401, 'UNAUTHORIZED') });
    renderPainel('/painel');
    expect(await screen.findByText('Sua sessão expirou. Entre de novo.')).toBeTruthy();
    expect(window.location.pathname).toBe('/painel/entrar');
  });
});

describe('painel: sair', () => {
  it('sair chama /equipe/logout e mostra o login', async () => {
    const calls = stubApi({ 'GET /equipe/eu': { body: dona }, ...emptyCatalogue, 'POST /equipe/logout': { status: 204 } });
    renderPainel('/painel');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sair' }));
    expect(await screen.findByText('Você saiu do painel.')).toBeTruthy();
    expect(window.location.pathname).toBe('/painel/entrar');
    expect(calls.some((call) => call.method === 'POST' && call.path === '/equipe/logout')).toBe(true);
  });
});

describe('painel: papéis', () => {
  it('o vendedor não vê as páginas do dono e recebe uma mensagem clara se abrir uma', async () => {
    stubApi({ 'GET /equipe/eu': { body: { usuario: vendedor } }, ...emptyCatalogue });
    renderPainel('/painel');
    const nav = await screen.findByRole('navigation', { name: 'Painel' });
    expect(within(nav).getByRole('link', { name: 'Veículos' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Equipe' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Aparência da loja' })).toBeNull();
  });

  it('o vendedor que digita /painel/equipe vê "sem permissão" sem chamar a API da equipe', async () => {
    const calls = stubApi({ 'GET /equipe/eu': { body: { usuario: vendedor } } });
    renderPainel('/painel/equipe');
    expect(await screen.findByText(/só do dono da loja/)).toBeTruthy();
    expect(calls.some((call) => call.path === '/equipe/usuarios')).toBe(false);
  });

  it('o dono vê equipe e aparência; convidar mostra o link uma vez', async () => {
    stubApi({
      'GET /equipe/eu': { body: { usuario: dona } },
      'GET /equipe/usuarios': { body: { usuarios: [dona] } },
      'POST /equipe/usuarios': {
        status: 201,
        body: {
          usuario: vendedor,
          convite_url: 'http://garage-alpha.localhost:3003/painel/convite#tok-vini',
          convite_email: { enviado: false, erro: 'Não foi possível enviar o e-mail do convite; copie o link e envie por outro meio.' },
        },
      },
    });
    renderPainel('/painel/equipe');
    const nav = await screen.findByRole('navigation', { name: 'Painel' });
    expect(within(nav).getByRole('link', { name: 'Aparência da loja' })).toBeTruthy();
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Convidar para a equipe' });
    await user.type(within(form).getByLabelText('Nome'), 'Vini Vendedor');
    await user.type(within(form).getByLabelText('E-mail'), 'vini@showcar.com.br');
    await user.click(within(form).getByRole('button', { name: 'Convidar' }));
    expect(await screen.findByText('http://garage-alpha.localhost:3003/painel/convite#tok-vini')).toBeTruthy();
    expect(screen.getByText(/aparece uma única vez/)).toBeTruthy();
    expect(screen.getByText(/O e-mail do convite não foi enviado: Não foi possível enviar/)).toBeTruthy();
  });

  it('um 403 do robô vira uma mensagem de permissão', async () => {
    stubApi({
      'GET /equipe/eu': { body: { usuario: dona } },
      'GET /equipe/usuarios': apiError(403, 'FORBIDDEN', 'Só o dono da loja pode fazer isso.'),
    });
    renderPainel('/painel/equipe');
    expect((await screen.findByRole('alert')).textContent).toBe('Sem permissão: Só o dono da loja pode fazer isso.');
  });
});

describe('painel: catálogo', () => {
  it('cadastra um veículo com os números convertidos e abre a edição', async () => {
    const created = veiculo({ id: 42, marca: 'Honda', modelo: 'Civic', ano: 2020, preco: 98500.5, ano_modelo: null, km: 41000 });
    const calls = stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'POST /veiculos': { status: 201, body: created },
      'GET /veiculos/:id': { body: created },
    });
    renderPainel('/painel/catalogo/novo');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cadastrar' }));
    expect(screen.getByLabelText('Marca').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Marca'), 'Honda');
    await user.type(screen.getByLabelText('Modelo'), 'Civic');
    await user.type(screen.getByLabelText('Ano de fabricação'), '2020');
    await user.type(screen.getByLabelText(/Preço/), '98.500,50');
    await user.type(screen.getByLabelText('Quilometragem'), '41.000');
    await user.click(screen.getByRole('button', { name: 'Cadastrar' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Editar Honda Civic 2020' })).toBeTruthy();
    expect(screen.getByText('Salvo.')).toBeTruthy();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      marca: 'Honda',
      modelo: 'Civic',
      ano: 2020,
      preco: 98500.5,
      km: 41000,
      status: 'disponivel',
    });
    expect((screen.getByLabelText(/Preço/) as HTMLInputElement).value).toBe('98.500,50');
  });

  it('edita um veículo: campos esvaziados vão como null', async () => {
    const item = veiculo({ id: 5 });
    const calls = stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'GET /veiculos/:id': { body: item },
      'PATCH /veiculos/:id': ({ body }) => ({ body: { ...item, ...(body as object) } }),
    });
    renderPainel('/painel/catalogo/5');
    const user = userEvent.setup();
    const cor = await screen.findByLabelText('Cor');
    await user.clear(cor);
    await user.selectOptions(screen.getByLabelText('Situação'), 'vendido');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('Salvo.')).toBeTruthy();
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.path).toBe('/veiculos/5');
    expect(patch?.body).toMatchObject({ cor: null, status: 'vendido', marca: 'Toyota', preco: 115900 });
  });

  it('marcar como vendido e excluir (com confirmação) na lista', async () => {
    const item = veiculo({ id: 9 });
    const calls = stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'GET /veiculos': { body: { success: true, veiculos: [item], paginacao: { page: 1, per_page: 20, total: 1 } } },
      'PATCH /veiculos/:id': { body: { ...item, status: 'vendido' } },
      'DELETE /veiculos/:id': { status: 204 },
    });
    renderPainel('/painel');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Marcar vendido: Toyota Corolla XEi 2021' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'vendido' }));
    await user.click(screen.getByRole('button', { name: 'Excluir' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Sim, excluir' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'DELETE')?.path).toBe('/veiculos/9'));
  });

  it('o envio de foto recusa um arquivo que não é imagem ou passa de 5 MB antes de enviar', async () => {
    const item = veiculo({ id: 5 });
    const calls = stubApi({ 'GET /equipe/eu': { body: { usuario: vendedor } }, 'GET /veiculos/:id': { body: item } });
    renderPainel('/painel/catalogo/5');
    const input = (await screen.findByLabelText(/Arquivo \(JPEG/)) as HTMLInputElement;
    const send = screen.getByRole('button', { name: 'Enviar arquivo' });

    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'contrato.pdf', { type: 'application/pdf' })] } });
    fireEvent.click(send);
    expect(await screen.findByText('Envie uma imagem JPEG, PNG ou WebP.')).toBeTruthy();

    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'grande.jpg', { type: 'image/jpeg' });
    fireEvent.change(input, { target: { files: [big] } });
    fireEvent.click(send);
    expect(await screen.findByText(/passa de 5 MB/)).toBeTruthy();
    expect(calls.some((call) => call.path.includes('/fotos'))).toBe(false);
  });

  it('uma foto válida vai como multipart no campo arquivo', async () => {
    const item = veiculo({ id: 5 });
    const calls = stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'GET /veiculos/:id': { body: item },
      'POST /veiculos/:id/fotos/arquivo': { status: 201, body: { id: 1, url: '/fotos/abc.jpg', ordem: 0, principal: true } },
    });
    renderPainel('/painel/catalogo/5');
    const input = (await screen.findByLabelText(/Arquivo \(JPEG/)) as HTMLInputElement;
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'carro.jpg', { type: 'image/jpeg' });
    fireEvent.change(input, { target: { files: [photo] } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar arquivo' }));
    await waitFor(() => expect(calls.some((call) => call.path === '/veiculos/5/fotos/arquivo')).toBe(true));
    const init = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.find(([url]) =>
      url.endsWith('/fotos/arquivo'),
    )![1];
    expect((init.body as FormData).get('arquivo')).toBe(photo);
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });
});

describe('painel: conversas e agendamentos', () => {
  it('uma mensagem com HTML aparece como texto, sem virar elemento', async () => {
    stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'GET /conversas/:id': {
        body: {
          id: 3,
          cliente_id: 8,
          status: 'novo',
          ultima_mensagem: XSS,
          ultima_interacao: '2026-12-05T15:00:00.000Z',
          criado_em: '2026-12-05T15:00:00.000Z',
          mensagens: [
            { id: 1, tipo: 'recebida', conteudo: XSS, enviada_em: '2026-12-05T15:00:00.000Z' },
            { id: 2, tipo: 'enviada', conteudo: 'Olá! Temos o Corolla.', enviada_em: '2026-12-05T15:00:05.000Z' },
          ],
        },
      },
    });
    const { container } = renderPainel('/painel/conversas/3');
    expect(await screen.findByText(XSS)).toBeTruthy();
    expect(screen.getByText('Olá! Temos o Corolla.')).toBeTruthy();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(screen.getAllByText('05/12/2026, 12:00')).toHaveLength(2);
  });

  it('confirma e cancela agendamentos', async () => {
    const booking = {
      id: 4,
      cliente_id: 8,
      veiculo_id: 1,
      tipo: 'test_drive',
      data_agendada: '2026-12-10T17:30:00.000Z',
      status: 'pendente',
      observacoes: null,
      criado_em: '2026-12-05T15:00:00.000Z',
    };
    const calls = stubApi({
      'GET /equipe/eu': { body: { usuario: vendedor } },
      'GET /agendamentos': { body: { agendamentos: [booking], paginacao: { page: 1, per_page: 25, total: 1 } } },
      'PATCH /agendamentos/:id': ({ body }) => ({ body: { ...booking, ...(body as object) } }),
    });
    renderPainel('/painel/agendamentos');
    const user = userEvent.setup();
    expect(await screen.findByRole('rowheader', { name: '10/12/2026, 14:30' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Confirmar 10/12/2026, 14:30' }));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ status: 'confirmado' }));
  });
});
