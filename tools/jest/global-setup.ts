// Jest loads global setup outside the module mapper, so the libs are imported by path here.
import { ensureMysqlServer } from '../../libs/db/src';
import { dropDeadRuns, startTestRun, TEST_RUN_ENV, testMysqlUrl } from '../../libs/testing/src';
import { holdTestRun } from './test-run-handle';

/**
 * Once per `npm test`: a real MySQL (the one at MYSQL_URL, else a private server under
 * .data/mysql-test, as `npm start` does; HELIX_TEST_MYSQL_READY=1 skips that search), handed to every
 * test worker through MYSQL_URL with this run's id, which every name the run makes carries. Then
 * what crashed earlier runs left is dropped; live runs on the same server keep theirs.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.HELIX_TEST_MYSQL_READY) {
    process.env.MYSQL_URL = await ensureMysqlServer(testMysqlUrl(), '.data/mysql-test', (m) => process.stderr.write(`${m}\n`));
    process.env.HELIX_TEST_MYSQL_READY = '1';
  }
  process.env.MYSQL_URL ??= testMysqlUrl();
  const run = await startTestRun(testMysqlUrl());
  holdTestRun(run);
  process.env[TEST_RUN_ENV] = run.id;
  await dropDeadRuns(testMysqlUrl());
}
