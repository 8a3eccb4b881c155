// Jest loads global setup outside the module mapper, so the libs are imported by path here.
import { ensureMysqlServer } from '../../libs/db/src';
import { dropScope, TEST_PREFIX_ROOT } from '../../libs/testing/src';

/**
 * Once per `npm test`: a real MySQL (the one at MYSQL_URL, else a private server under
 * .data/mysql-test, as `npm start` does), handed to every test worker through MYSQL_URL, and
 * leftovers of earlier crashed runs removed.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.HELIX_TEST_MYSQL_READY) return;
  const url = await ensureMysqlServer(process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306', '.data/mysql-test', (m) =>
    process.stderr.write(`${m}\n`),
  );
  process.env.MYSQL_URL = url;
  process.env.HELIX_TEST_MYSQL_READY = '1';
  await dropScope(TEST_PREFIX_ROOT, url);
}
