/**
 * `npm run bench:web`: what a visitor of a store waits for, in headless Chromium on this machine,
 * against the whole platform as `npm start` runs it (master, both robots and the web service, each
 * its own process, over a fresh production build). Issue 18's budgets:
 * - the JavaScript the storefront loads up front (entry script and its static imports), gzipped at
 *   level 9, against 200 kB; the lazy chunks (console, back-office) are listed apart;
 * - a catalogue of 200 cars with photos, first page: cards drawn and a control answering, median of
 *   LOADS cold loads (a new browser each: no cache), against 1.5 s; side by side with the same page
 *   rendered by a server with no JavaScript (same listing, stylesheet and photos), loads alternating;
 * - a chat reply: from the answer's last byte (resource timing) to the bubble drawn, CHAT_MESSAGES
 *   messages, the slowest against 300 ms; side by side with a bare fetch appending the reply as
 *   text on the store's own page (its script kept out), messages alternating.
 * Every time is the page's own clock. On 2 shared cores the loads vary: each load is printed too.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { launchBrowser, startWebPlatform, type WebPlatform } from '@helix/testing/web';
import { createUnthrottledPlan, onboardActiveTenant, tenantSql } from '@helix/robot-core/testing';
import { percentile } from './stats';
import { storefrontBundle } from './web-bundle';
import {
  CATALOGUE_DONE,
  catalogueTimingsScript,
  invoke,
  OPEN_VISITOR_SESSION,
  PLAIN_CHAT_MESSAGE,
  READ_CATALOGUE_TIMINGS,
  READ_REPLY_TIMINGS,
  REPLIES_PAINTED,
  WATCH_CHAT_REPLIES,
  type CatalogueTimings,
  type ReplyTimings,
} from './web-page-timings';
import { startStaticCatalogue } from './web-static-baseline';

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
/** At most the robot's burst of messages per visitor (VISITOR_MESSAGES_BURST, 5): more would be answered 429. */
const CHAT_MESSAGES = Number(process.env.BENCH_CHAT_MESSAGES ?? 5);
const CARS = 200;
/** The storefront's page size (apps/web catalogue-query PER_PAGE): the cards a load waits for. */
const PER_PAGE = 12;
const TENANT = 'bench_web';
const BUDGET = { jsKb: 200, catalogueMs: 1500, chatMs: 300 };
const verdict = (value: number, budget: number, unit = 'ms') => `≤ ${budget} ${unit}: ${value <= budget ? 'within' : 'OVER'}`;
const TIMEOUT_MS = 30_000;

const MARCAS = [
  ['Toyota', 'Corolla'],
  ['Honda', 'Civic'],
  ['Volkswagen', 'Polo'],
  ['Chevrolet', 'Onix'],
  ['Fiat', 'Argo'],
  ['Hyundai', 'HB20'],
  ['Jeep', 'Compass'],
  ['Renault', 'Kwid'],
];

/** A 320×240 PNG, a gradient with noise (~200 kB, as heavy as a phone photo): the photo every car gets a copy of. */
function photoPng(): Buffer {
  const [width, height] = [320, 240];
  const noise = randomBytes(width * height);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      const n = noise[y * width + x] & 31;
      rows[at] = (x * 0.6 + n) & 255;
      rows[at + 1] = (y * 0.8 + n) & 255;
      rows[at + 2] = (160 + n) & 255;
    }
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 200 cars, each with its own uploaded photo file (as the back-office's upload stores them). */
async function seedCatalogue(platform: WebPlatform): Promise<void> {
  const cars = Array.from({ length: CARS }, (_, i) => {
    const [brand, model] = MARCAS[i % MARCAS.length];
    return [brand, model, 2012 + (i % 13), 45_000 + ((i * 7919) % 180) * 1000, (i * 3571) % 150_000, 'Prata', 'Flex', 'Automático'];
  });
  await tenantSql(
    platform.master,
    'carros',
    TENANT,
    'INSERT INTO cars (brand, model, year, price, mileage, color, fuel_type, transmission) VALUES ?',
    [cars],
  );
  const ids = await tenantSql<Array<{ id: number }>>(platform.master, 'carros', TENANT, 'SELECT id FROM cars ORDER BY id');
  const dir = path.join(platform.uploadDir, TENANT);
  await mkdir(dir, { recursive: true });
  const png = photoPng();
  const photos = await Promise.all(
    ids.map(async ({ id }) => {
      const name = `${randomBytes(16).toString('hex')}.png`;
      await writeFile(path.join(dir, name), png);
      return [id, `/fotos/${name}`, 0, 1];
    }),
  );
  await tenantSql(platform.master, 'carros', TENANT, 'INSERT INTO car_images (car_id, url, ordem, is_principal) VALUES ?', [photos]);
}

/**
 * Polls `expression` in the page until it is true. Not `waitForFunction`: its polling evaluates text
 * inside the page, which the store's CSP (no 'unsafe-eval') forbids.
 */
async function until(page: Page, expression: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One cold load: a new browser (empty profile, so no HTTP or code cache), the timings script, the page until its cards answer. */
async function coldLoad(url: string): Promise<CatalogueTimings> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addInitScript({ content: catalogueTimingsScript(PER_PAGE) });
    await page.goto(url, { waitUntil: 'commit' });
    await until(page, CATALOGUE_DONE);
    await page.waitForLoadState('load');
    return (await page.evaluate(READ_CATALOGUE_TIMINGS)) as CatalogueTimings;
  } finally {
    await browser.close();
  }
}

/** Cards drawn and a control answering: the later of the two. */
const ready = (t: CatalogueTimings) => Math.max(t.painted, t.responded);
const median = (samples: number[]) => percentile(samples, 50);
const spread = (samples: number[]) => `${Math.min(...samples).toFixed(0)}–${Math.max(...samples).toFixed(0)} ms`;

/** The chat widget's replies and the bare fetch's, message by message in turn, each in a browser of its own. */
async function chatDelays(platform: WebPlatform): Promise<{ widget: ReplyTimings[]; plain: ReplyTimings[] }> {
  const store = platform.storeUrl(TENANT);
  const [widgetBrowser, plainBrowser] = [await launchBrowser(), await launchBrowser()];
  try {
    const widget: Page = await widgetBrowser.newPage();
    await widget.goto(`${store}/`);
    await widget.getByRole('button', { name: /Fale com o vendedor/ }).click();
    await widget.locator('ol.chat__mensagens').waitFor({ timeout: TIMEOUT_MS });
    await widget.evaluate(WATCH_CHAT_REPLIES);
    // The baseline's page: the store's own page (same origin, same CSP) with the app's script kept out, and a visitor session of its own.
    const plain: Page = await plainBrowser.newPage();
    await plain.route('**/assets/*.js', (route) => route.abort());
    await plain.goto(`${store}/`);
    await plain.evaluate(OPEN_VISITOR_SESSION);
    const results = { widget: [] as ReplyTimings[], plain: [] as ReplyTimings[] };
    for (let n = 1; n <= CHAT_MESSAGES; n++) {
      const mensagem = `Vocês têm ${MARCAS[n % MARCAS.length].join(' ')} com pouca quilometragem?`;
      const box = widget.getByLabel('Sua mensagem');
      await box.fill(mensagem);
      await box.press('Enter');
      await until(widget, invoke(REPLIES_PAINTED, n));
      results.widget.push((await widget.evaluate(invoke(READ_REPLY_TIMINGS, n))) as ReplyTimings);
      results.plain.push((await plain.evaluate(invoke(PLAIN_CHAT_MESSAGE, mensagem))) as ReplyTimings);
    }
    return results;
  } finally {
    await Promise.all([widgetBrowser.close(), plainBrowser.close()]);
  }
}

const row = (cells: string[]) =>
  console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(34) : cell.padStart(i === 4 ? 30 : 10))).join('  '));
const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;
const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

async function main() {
  process.stdout.write('bench:web — building the SPA and starting the platform…\n');
  const platform = await startWebPlatform();
  let baseline: Awaited<ReturnType<typeof startStaticCatalogue>> | undefined;
  try {
    const bundle = storefrontBundle(platform.distDir);
    const planoId = await createUnthrottledPlan(platform.master);
    await onboardActiveTenant(platform.master, TENANT, 'carros', { planoId });
    await seedCatalogue(platform);
    baseline = await startStaticCatalogue({
      robotUrl: platform.robots.carros.url,
      tenantKey: TENANT,
      nome: `Loja ${TENANT}`,
      distDir: platform.distDir,
      uploadDir: platform.uploadDir,
      perPage: PER_PAGE,
    });
    const spaUrl = `${platform.storeUrl(TENANT)}/`;

    process.stdout.write(`${CARS} cars seeded; one load of each, not measured (server caches, Chromium from disk)…\n`);
    await coldLoad(spaUrl);
    await coldLoad(baseline.url);
    const spa: CatalogueTimings[] = [];
    const ssr: CatalogueTimings[] = [];
    for (let i = 1; i <= LOADS; i++) {
      spa.push(await coldLoad(spaUrl));
      ssr.push(await coldLoad(baseline.url));
      process.stdout.write(
        `load ${i}: storefront ${ready(spa.at(-1)!).toFixed(0)} ms (cards drawn ${spa.at(-1)!.painted.toFixed(0)}, toggle answered ${spa.at(-1)!.responded.toFixed(0)}, FCP ${spa.at(-1)!.fcp.toFixed(0)}), server-rendered ${ready(ssr.at(-1)!).toFixed(0)} ms\n`,
      );
    }
    process.stdout.write(`chat: ${CHAT_MESSAGES} messages through the widget and by a bare fetch, alternating…\n`);
    const chat = await chatDelays(platform);

    const jsKb = bundle.upFront.reduce((sum, chunk) => sum + chunk.gzip, 0) / 1000;
    const spaReady = median(spa.map(ready));
    const ssrReady = median(ssr.map(ready));
    const shown = (replies: ReplyTimings[]) => replies.map((r) => r.painted - r.responseEnd);
    const widgetDelay = median(shown(chat.widget));
    const plainDelay = median(shown(chat.plain));

    const fcp = (t: CatalogueTimings) => t.fcp;
    const painted = (t: CatalogueTimings) => t.painted;
    const maxShown = Math.max(...shown(chat.widget));
    console.log(
      `\nbench:web — ${CARS} cars (pages of ${PER_PAGE}), headless Chromium, medians of ${LOADS} cold loads and ${CHAT_MESSAGES} chat messages`,
    );
    console.log(
      'baselines: JS, its budget; catalogue, the same page server-rendered without JavaScript; chat, a bare fetch appending the text',
    );
    row(['', 'measured', 'baseline', 'ratio', 'budget']);
    row([
      'storefront JS up front (gzip -9)',
      `${jsKb.toFixed(1)} kB`,
      `${BUDGET.jsKb} kB`,
      ratio(jsKb, BUDGET.jsKb),
      verdict(jsKb, BUDGET.jsKb, 'kB'),
    ]);
    row(['catalogue drawn and answering', ms(spaReady), ms(ssrReady), ratio(spaReady, ssrReady), verdict(spaReady, BUDGET.catalogueMs)]);
    row([
      '  cards drawn',
      ms(median(spa.map(painted))),
      ms(median(ssr.map(painted))),
      ratio(median(spa.map(painted)), median(ssr.map(painted))),
      '',
    ]);
    row([
      '  first contentful paint',
      ms(median(spa.map(fcp))),
      ms(median(ssr.map(fcp))),
      ratio(median(spa.map(fcp)), median(ssr.map(fcp))),
      '',
    ]);
    row([
      'chat reply drawn after its answer',
      ms(widgetDelay, 1),
      ms(plainDelay, 1),
      ratio(widgetDelay, plainDelay),
      `slowest ${verdict(maxShown, BUDGET.chatMs)}`,
    ]);
    console.log(
      `\nspread (min–max): storefront ${spread(spa.map(ready))}, server-rendered ${spread(ssr.map(ready))}; chat reply slowest ${ms(maxShown, 1)} (into the DOM after ${ms(median(chat.widget.map((r) => r.inserted - r.responseEnd)), 1)}), bare fetch slowest ${ms(Math.max(...shown(chat.plain)), 1)}`,
    );
    const sizes = (chunks: typeof bundle.lazy) => chunks.map((c) => `${c.file} ${(c.gzip / 1000).toFixed(1)} kB`).join(', ');
    console.log(`JS up front: ${sizes(bundle.upFront)}; lazy: ${sizes(bundle.lazy)}`);
    // Everything else running here shares the cores with the browser and the services: how busy they were.
    console.log(`load average over the last 5 min: ${os.loadavg()[1].toFixed(1)} on ${os.availableParallelism()} cores`);
  } finally {
    await baseline?.close();
    await platform.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
