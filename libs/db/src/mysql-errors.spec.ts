import { urlAs } from '@helix/testing';
import { classifyMysqlError } from './mysql-errors';
import { connectOnce } from './pools';

describe('classifyMysqlError', () => {
  it('calls every refusal of an unknown login access denied, whichever of its two answers MariaDB gives the name', async () => {
    // Against user enumeration MariaDB answers an unknown user as if it existed with an
    // authentication plugin picked from its name: 20 names meet both answers all but surely.
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const error = await connectOnce(urlAs({ user: `hxt_nobody_${i}`, password: 'wrong-password' })).then(
        (connection) => connection.end().then(() => null),
        (refused: { code: string }) => refused,
      );
      expect(error).not.toBeNull();
      codes.add(error!.code);
      expect(classifyMysqlError(error)).toBe('access_denied');
    }
    expect([...codes].sort()).toEqual(['ER_ACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR']);
  });
});
