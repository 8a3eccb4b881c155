import { dropScope, rootSql, uniquePrefix, urlAs } from '@helix/testing';
import { quoteAccount } from './identifiers';
import { classifyMysqlError } from './mysql-errors';
import { connectOnce } from './pools';

describe('classifyMysqlError', () => {
  const prefix = uniquePrefix();
  afterAll(() => dropScope(prefix));

  const refusal = (login: { user: string; password: string }) =>
    connectOnce(urlAs(login)).then(
      async (connection) => {
        await connection.end();
        throw new Error(`${login.user} was let in`);
      },
      (refused: { code?: string }) => refused,
    );

  it('calls a refused login access denied, whether the password was wrong or the authentication plugin refused it', async () => {
    await rootSql(`CREATE USER ${quoteAccount(`${prefix}pw`, '%')} IDENTIFIED BY 'a-senha-certa'`);
    // unix_socket authenticates the peer of a local socket; over TCP it refuses, with MySQL's other denial.
    await rootSql(`CREATE USER ${quoteAccount(`${prefix}sock`, '%')} IDENTIFIED VIA unix_socket`);

    const wrongPassword = await refusal({ user: `${prefix}pw`, password: 'a-senha-errada' });
    const pluginRefused = await refusal({ user: `${prefix}sock`, password: 'qualquer' });

    expect([wrongPassword.code, pluginRefused.code]).toEqual(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR']);
    expect([classifyMysqlError(wrongPassword), classifyMysqlError(pluginRefused)]).toEqual(['access_denied', 'access_denied']);
  });
});
