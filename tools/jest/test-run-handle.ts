import type { TestRun } from '../../libs/testing/src';

// Jest's documented way for global setup to hand something to global teardown: a global of their process.
const KEY = Symbol.for('helix.testRun');
type Holder = typeof globalThis & { [KEY]?: TestRun };

export function holdTestRun(run: TestRun): void {
  (globalThis as Holder)[KEY] = run;
}

export function releaseTestRun(): TestRun | undefined {
  const run = (globalThis as Holder)[KEY];
  delete (globalThis as Holder)[KEY];
  return run;
}
