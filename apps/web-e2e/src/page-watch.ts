import type { Page } from 'playwright-core';

/**
 * What a page did that no flow should make it do: Content-Security-Policy violations reported in
 * its console, uncaught errors, and dialogs (an `alert` from injected markup would be one).
 */
export function watchPage(page: Page) {
  const problems = { csp: [] as string[], errors: [] as string[], dialogs: [] as string[] };
  page.on('console', (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) problems.csp.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}
