import { TEST_RUN_ENV } from '../../libs/testing/src';
import { releaseTestRun } from './test-run-handle';

/** Drops whatever this run's test files left (a failed afterAll, an aborted file) and frees its id. */
export default async function globalTeardown(): Promise<void> {
  await releaseTestRun()?.end();
  delete process.env[TEST_RUN_ENV];
}
