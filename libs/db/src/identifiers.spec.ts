import { quoteAccount, quoteCatalogName, quoteIdentifier, UnsafeIdentifierError } from './identifiers';

describe('identifier quoting', () => {
  it('quotes server-generated names', () => {
    expect(quoteIdentifier('carros_garage_alpha')).toBe('`carros_garage_alpha`');
    expect(quoteAccount('tu_0123abcd', '%')).toBe("'tu_0123abcd'@'%'");
  });

  it.each(['', 'a`b', 'x; DROP DATABASE mysql', 'Upper', '../etc', 'gаrage', 'a\u0000b', '1abc'])('refuses %j', (name) => {
    expect(() => quoteIdentifier(name)).toThrow(UnsafeIdentifierError);
    expect(() => quoteAccount(name, '%')).toThrow(UnsafeIdentifierError);
  });

  it('refuses names longer than MySQL allows', () => {
    expect(() => quoteIdentifier('a'.repeat(65))).toThrow(UnsafeIdentifierError);
    expect(() => quoteAccount('a'.repeat(81), '%')).toThrow(UnsafeIdentifierError);
  });

  it('refuses a host that could close the account literal', () => {
    expect(() => quoteAccount('tu_1', "%' OR '1")).toThrow(UnsafeIdentifierError);
  });

  it('quotes any name the server reports from its catalog, doubling backticks', () => {
    expect(quoteCatalogName('_usage_outbox')).toBe('`_usage_outbox`');
    expect(quoteCatalogName('a`b; DROP')).toBe('`a``b; DROP`');
    expect(() => quoteCatalogName('')).toThrow(UnsafeIdentifierError);
    expect(() => quoteCatalogName('a\u0000b')).toThrow(UnsafeIdentifierError);
  });
});
