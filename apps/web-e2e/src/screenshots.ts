import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

const DIR = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * `docs/screenshots/<name>.png` of the page as it is, at the 1280×800 viewport, only when
 * HELIX_SCREENSHOTS=1: a normal test run never writes into the repository.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.HELIX_SCREENSHOTS !== '1') return;
  await mkdir(DIR, { recursive: true });
  // Photos lazy-load and decode off the main thread: wait until those on screen are ready to paint, then a frame.
  await page.evaluate(`Promise.all(
    Array.from(document.images)
      .filter((img) => img.getBoundingClientRect().top < innerHeight)
      .map((img) => img.decode().catch(() => undefined)),
  ).then(() => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))))`);
  await page.screenshot({ path: path.join(DIR, `${name}.png`) });
}
