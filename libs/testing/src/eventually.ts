/** Polls `check` until it holds; fails after `withinMs`. Returns how long it took. */
export async function eventually(check: () => Promise<boolean>, withinMs: number, what = 'condition'): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} not met within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}
