import { SPAWNED_ADMIN } from '@helix/testing';
import { launchBrowser, seriousA11yViolations, startWebPlatform, type WebPlatform } from '@helix/testing/web';
import type { Locator, Page } from 'playwright-core';
import { watchPage } from './page-watch';
import { screenshot } from './screenshots';
import { demoItems, openStore, type OpenStore } from './stores';

/**
 * The whole platform in a real headless Chromium: the master, both robots and the web service as
 * their own processes, a fresh SPA build, and stores set up over the public APIs. One platform and
 * one browser for the file (each costs seconds); each test opens its own pages.
 */

const XSS = '<img src=x onerror=alert(1)>';
const SLOT_TAKEN = 'Esse horário já foi reservado. Escolha outro.';

let platform: WebPlatform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let alpha: OpenStore;
let beta: OpenStore;
let horizonte: OpenStore;

beforeAll(async () => {
  // Both are waited for, so afterAll closes whichever came up even when the other failed to start.
  const started = await Promise.allSettled([
    startWebPlatform().then((up) => (platform = up)),
    launchBrowser().then((up) => (browser = up)),
  ]);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  [alpha, beta, horizonte] = await Promise.all([
    openStore(platform, {
      tenant_key: 'garage_alpha',
      nome: 'Feirão ShowCar',
      robo_tipo: 'carros',
      cor_primaria: '#c0392b',
      plano: 'Profissional',
      itens: await demoItems('carros'),
    }),
    openStore(platform, {
      tenant_key: 'garage_beta',
      nome: 'Garagem Beta',
      robo_tipo: 'carros',
      itens: [
        { dados: { marca: 'Fiat', modelo: 'Uno Mille', ano: 2012, preco: 21900, km: 150000, descricao: `Descrição: ${XSS}` } },
        { dados: { marca: 'Chevrolet', modelo: 'Celta Life', ano: 2010, preco: 17500, km: 180000 } },
      ],
    }),
    openStore(platform, {
      tenant_key: 'horizonte_imoveis',
      nome: 'Horizonte Imóveis',
      robo_tipo: 'imoveis',
      cor_primaria: '#1f6f8b',
      plano: 'Empresarial',
      itens: await demoItems('imoveis'),
    }),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** A fresh tab whose CSP violations, errors and dialogs are recorded. */
async function openPage(url: string) {
  const page = await browser.newPage();
  const problems = watchPage(page);
  const response = await page.goto(url);
  return { page, problems, response: response! };
}

const isFocused = (locator: Locator) => locator.evaluate((element) => element.matches(':focus'));
/** The cookies the page's own scripts can read (page code goes in as source text: this project compiles without the DOM's types). */
const scriptVisibleCookies = (page: Page) => page.evaluate<string>('document.cookie');

/** Presses Tab until `target` has the focus: the keyboard alone reaches it (fails if it never does). */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** A day a week from now, São Paulo time, as `YYYY-MM-DD`. */
const dayInAWeek = () => new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Opens the store's `/painel` as its owner: through its login page, unless this browser is already signed in there. */
async function loginToPainel(page: Page, store: OpenStore) {
  await page.goto(`${platform.storeUrl(store.tenantKey)}/painel`);
  const painel = page.getByRole('navigation', { name: 'Painel' });
  const login = page.getByRole('form', { name: 'Entrar no painel' });
  await painel.or(login).waitFor();
  if (await painel.isVisible()) return;
  await login.getByLabel('E-mail').fill(store.dono.email);
  await login.getByLabel('Senha').fill(store.dono.senha);
  await login.getByRole('button', { name: 'Entrar' }).click();
  await painel.waitFor();
}

describe('storefronts', () => {
  it('two car stores on two subdomains each show only their own stock; the agency gets the real-estate storefront', async () => {
    const { page, problems, response } = await openPage(platform.storeUrl(alpha.tenantKey));
    expect(response.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Carros à venda' }).waitFor();
    await page.getByText('12 veículos encontrados').waitFor();
    await page.getByRole('heading', { name: 'Toyota Corolla XEi 2.0' }).waitFor();
    expect(await page.getByText('Fiat Uno Mille').count()).toBe(0);
    await expect(page.getByLabel('Marca').isVisible()).resolves.toBe(true);
    await screenshot(page, 'storefront-carros');
    await expectAccessible(page);

    await page.goto(platform.storeUrl(beta.tenantKey));
    await page.getByText('2 veículos encontrados').waitFor();
    await page.getByRole('heading', { name: 'Fiat Uno Mille' }).waitFor();
    expect(await page.getByText('Corolla').count()).toBe(0);

    await page.goto(platform.storeUrl(horizonte.tenantKey));
    await page.getByRole('heading', { level: 1, name: 'Imóveis disponíveis' }).waitFor();
    await page.getByRole('heading', { name: 'Apartamento 3 quartos em Moema' }).waitFor();
    for (const filtro of ['Tipo', 'Finalidade', 'Bairro', 'Quartos']) await expect(page.getByLabel(filtro).isVisible()).resolves.toBe(true);
    expect(await page.getByLabel('Marca').count()).toBe(0);
    expect(await page.getByText('Corolla').count()).toBe(0);
    await screenshot(page, 'storefront-imoveis');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Fale com o corretor' }).click();
    const chat = page.getByRole('dialog', { name: /Fale com o corretor/ });
    await chat.getByLabel('Sua mensagem').fill('Imóveis em Moema?');
    await chat.getByRole('button', { name: 'Enviar' }).click();
    await chat.getByRole('listitem').filter({ hasText: 'Apartamento 3 quartos – Moema, São Paulo' }).waitFor();

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });

  it('an unknown subdomain gets the "loja não encontrada" page with status 404', async () => {
    const { page, response } = await openPage(platform.storeUrl('loja_que_nao_existe'));
    expect(response.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Loja não encontrada' }).waitFor();
    await page.close();
  });

  it('pages carry a strict CSP that blocks inline script', async () => {
    const { page, problems, response } = await openPage(platform.storeUrl(alpha.tenantKey));
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.getByRole('heading', { level: 1, name: 'Carros à venda' }).waitFor();

    const reported = page.waitForEvent('console', { predicate: (message) => /Content Security Policy/.test(message.text()) });
    const ran = await page.evaluate<string | null>(`(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "executou"';
      document.head.append(script);
      return document.body.dataset.inline ?? null;
    })()`);
    expect(ran).toBeNull();
    await reported;
    expect(problems.csp).toEqual([expect.stringMatching(/inline script/)]);
    await page.close();
  });
});

describe('chat with the AI seller', () => {
  it("names a car in stock, survives a reload, and the conversation appears in the store's back-office", async () => {
    const { page, problems } = await openPage(platform.storeUrl(alpha.tenantKey));
    await page.getByRole('button', { name: 'Fale com o vendedor' }).click();
    const chat = page.getByRole('dialog', { name: /Fale com o vendedor/ });
    await chat.getByText('Deixe seu nome e telefone (opcional)').click();
    await chat.getByLabel('Nome').fill('Marina Souza');
    await chat.getByLabel('Sua mensagem').fill('Vocês têm Corolla?');
    await chat.getByLabel('Sua mensagem').press('Enter');
    const reply = chat.getByRole('listitem').filter({ hasText: 'Toyota Corolla XEi 2.0' });
    await reply.waitFor();
    await expectAccessible(page);

    // The visitor's session is an httpOnly cookie: no script in the page can read it.
    expect(await scriptVisibleCookies(page)).not.toContain('helix_');
    const [visitante] = (await browser.context.cookies(platform.storeUrl(alpha.tenantKey))).filter((c) => c.name === 'helix_visitante');
    expect(visitante).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // The panel stays open across a reload, and the conversation comes back from the robot.
    await page.reload();
    await page
      .getByRole('dialog', { name: /Fale com o vendedor/ })
      .getByText('Vocês têm Corolla?')
      .waitFor();
    await screenshot(page, 'chat');

    await loginToPainel(page, alpha);
    expect(await scriptVisibleCookies(page)).not.toContain('helix_');
    const cookies = await browser.context.cookies(platform.storeUrl(alpha.tenantKey));
    expect(cookies.find((c) => c.name === 'helix_equipe')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('heading', { level: 1, name: 'Veículos' }).waitFor();
    await page.getByRole('link', { name: 'Editar Toyota Corolla XEi 2.0 2022' }).waitFor();
    await screenshot(page, 'painel');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Clientes e conversas' }).click();
    await page.getByRole('button', { name: 'Ver conversas de Marina Souza' }).click();
    await page.getByRole('link', { name: /^Conversa de / }).click();
    const mensagens = page.getByRole('list', { name: 'Mensagens' });
    await mensagens.getByText('Vocês têm Corolla?').waitFor();
    await mensagens.getByText(/Toyota Corolla XEi 2\.0/).waitFor();
    await expectAccessible(page);

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });
});

describe('bookings', () => {
  it('a test drive booked on the storefront shows in the back-office; the same slot again is refused on screen', async () => {
    const carId = alpha.ids[1];
    const { page, problems } = await openPage(`${platform.storeUrl(alpha.tenantKey)}/veiculos/${carId}`);
    await page.getByRole('heading', { level: 1, name: /Jeep Compass Longitude/ }).waitFor();
    await screenshot(page, 'detalhe');
    await expectAccessible(page);

    const dia = dayInAWeek();
    const book = async () => {
      await page.getByLabel('Dia').fill(dia);
      await page.getByLabel('Horário').selectOption('10:30');
      await page.getByLabel('Seu nome').fill('Paulo Lima');
      await page.getByLabel('Telefone (com DDD)').fill('(11) 98888-7777');
      await page.getByRole('button', { name: 'Agendar test drive' }).click();
    };
    await book();
    await page.getByText('Pedido de test drive enviado!').waitFor();

    await page.getByRole('button', { name: 'Agendar outro horário' }).click();
    await book();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(SLOT_TAKEN);

    await loginToPainel(page, alpha);
    await page.getByRole('link', { name: 'Agendamentos' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: `Nº ${carId}` }) });
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await expect(row.textContent()).resolves.toMatch(/Test drive.*Pendente/);
    await expect(row.getByRole('rowheader').textContent()).resolves.toContain('10:30');

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });
});

describe('keyboard only', () => {
  it('filters the catalogue, opens a car, books a test drive and chats with Tab, Enter, arrows and Escape', async () => {
    const { page, problems } = await openPage(platform.storeUrl(alpha.tenantKey));
    await page.getByText('12 veículos encontrados').waitFor();

    await tabTo(page, page.getByLabel('Marca'));
    await page.keyboard.type('Honda');
    await tabTo(page, page.getByRole('button', { name: 'Filtrar' }));
    await page.keyboard.press('Enter');
    await page.getByText('1 veículo encontrado').waitFor();

    const card = page.getByRole('link', { name: /Honda HR-V EX/ });
    await tabTo(page, card);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Honda HR-V EX/ }).waitFor();

    const [ano, mes, dia] = dayInAWeek().split('-');
    await tabTo(page, page.getByLabel('Dia'));
    await page.keyboard.type(`${dia}${mes}${ano}`);
    await expect(page.getByLabel('Dia').inputValue()).resolves.toBe(`${ano}-${mes}-${dia}`);
    await tabTo(page, page.getByLabel('Horário'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Horário').inputValue()).resolves.toBe('08:00');
    await tabTo(page, page.getByLabel('Seu nome'));
    await page.keyboard.type('Ana Teclado');
    await tabTo(page, page.getByLabel('Telefone (com DDD)'));
    await page.keyboard.type('(21) 97777-6666');
    await tabTo(page, page.getByRole('button', { name: 'Agendar test drive' }));
    await page.keyboard.press('Enter');
    await page.getByText('Pedido de test drive enviado!').waitFor();

    const toggle = page.getByRole('button', { name: 'Fale com o vendedor' });
    await tabTo(page, toggle);
    await page.keyboard.press('Enter');
    const chat = page.getByRole('dialog', { name: /Fale com o vendedor/ });
    await chat.waitFor();
    expect(await isFocused(chat.getByLabel('Sua mensagem'))).toBe(true);
    await page.keyboard.type('Tem algum Honda?');
    await page.keyboard.press('Enter');
    await chat.getByRole('listitem').filter({ hasText: 'Honda HR-V EX' }).waitFor();
    await page.keyboard.press('Escape');
    await chat.waitFor({ state: 'detached' });
    expect(await isFocused(toggle)).toBe(true);

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });
});

describe('tenant and visitor content is text', () => {
  it(`shows ${XSS} in a car's description and in a chat message as characters, never as an image`, async () => {
    const { page, problems } = await openPage(`${platform.storeUrl(beta.tenantKey)}/veiculos/${beta.ids[0]}`);
    await page.getByText(`Descrição: ${XSS}`).waitFor();

    await page.getByRole('button', { name: 'Fale com o vendedor' }).click();
    const chat = page.getByRole('dialog', { name: /Fale com o vendedor/ });
    await chat.getByLabel('Sua mensagem').fill(XSS);
    await chat.getByRole('button', { name: 'Enviar' }).click();
    await chat.getByRole('listitem').filter({ hasText: 'Garagem Beta' }).waitFor();
    await chat.getByText(XSS, { exact: true }).waitFor();

    // Reloaded, the message comes back from the robot: still text.
    await page.reload();
    await page
      .getByRole('dialog', { name: /Fale com o vendedor/ })
      .getByText(XSS, { exact: true })
      .waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await loginToPainel(page, beta);
    await page.getByRole('link', { name: 'Clientes e conversas' }).click();
    await page.getByRole('button', { name: /^Ver conversas de/ }).click();
    await page.getByRole('link', { name: /^Conversa de / }).click();
    await page.getByRole('list', { name: 'Mensagens' }).getByText(XSS, { exact: true }).waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });
});

describe("operators' console", () => {
  it('an operator onboards a store and activates its plan; its owner sets a password from the invite, adds a car, and the car is on sale', async () => {
    const { page, problems } = await openPage(platform.consoleUrl);
    await page.getByLabel('E-mail').fill(SPAWNED_ADMIN.email);
    await page.getByLabel('Senha').fill(SPAWNED_ADMIN.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visão geral' }).waitFor();
    await page.getByRole('heading', { name: 'Receita mensal recorrente por plano' }).waitFor();
    await screenshot(page, 'console');
    await expectAccessible(page);
    expect(await scriptVisibleCookies(page)).not.toContain('helix_');
    const [admin] = (await browser.context.cookies(platform.consoleUrl)).filter((c) => c.name === 'helix_admin');
    expect(admin).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('link', { name: 'Clientes' }).click();
    await page.getByRole('link', { name: 'Novo cliente' }).click();
    await page.getByLabel('Nome da loja').fill('Garagem Nova');
    await page.getByLabel('Chave do cliente').fill('garage_nova');
    await page.getByLabel('Vertical').selectOption('carros');
    await page.getByLabel('Plano').selectOption({ index: 1 });
    await page.getByLabel('E-mail do responsável (dono da loja)').fill('dona@garagemnova.com.br');
    await page.getByRole('button', { name: 'Criar cliente' }).click();
    await page.getByRole('heading', { name: 'Cliente criado: Garagem Nova' }).waitFor();
    const convite = (await page.locator('code', { hasText: '/painel/convite#' }).textContent())!;
    expect(convite.startsWith(`${platform.storeUrl('garage_nova')}/painel/convite#`)).toBe(true);

    await page.getByRole('link', { name: 'Ver o cliente' }).click();
    const assinaturas = page.getByRole('table', { name: 'Assinaturas do cliente' });
    await assinaturas.getByRole('cell', { name: 'Pendente', exact: true }).waitFor();
    await assinaturas.getByRole('button', { name: 'Ativar' }).click();
    // Exact: the actions cell's name ("Ativar …") contains "Ativa" too, and would match before the activation is done.
    await assinaturas.getByRole('cell', { name: 'Ativa', exact: true }).waitFor();

    await page.goto(convite);
    await page.getByLabel('Nova senha').fill('uma-senha-bem-forte-42');
    await page.getByLabel('Repita a senha').fill('uma-senha-bem-forte-42');
    await page.getByRole('button', { name: 'Criar senha e entrar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Veículos' }).waitFor();
    await page.getByRole('link', { name: 'Novo veículo' }).click();
    await page.getByLabel('Marca', { exact: true }).fill('Chevrolet');
    await page.getByLabel('Modelo', { exact: true }).fill('Onix Plus Premier');
    await page.getByLabel('Ano de fabricação').fill('2021');
    await page.getByLabel('Preço (R$)').fill('74.900,00');
    await page.getByRole('button', { name: 'Cadastrar' }).click();
    await page.getByText('Salvo.').waitFor();

    await page.getByRole('link', { name: 'Ver a loja' }).click();
    await page.getByRole('heading', { name: 'Chevrolet Onix Plus Premier' }).waitFor();
    await page.getByText('1 veículo encontrado').waitFor();

    expect(problems).toEqual({ csp: [], errors: [], dialogs: [] });
    await page.close();
  });
});
