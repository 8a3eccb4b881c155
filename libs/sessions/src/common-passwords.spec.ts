import { isCommonPassword } from './common-passwords';

describe('the common-password check', () => {
  it.each(['123456789012', 'password1234', 'qwertyuiop', 'iloveyou12'])('finds %s in the breach list', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['Password123!', 'SENHA@2024', '!!dragon!!2024', 'Corinthians10', 'mudar123456'])(
    'sees through case, digits and symbols around a common word: %s',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  it.each(['0123456789', '11987654321', '31121999000'])('refuses digits alone (dates, phones, documents): %s', (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each(['senha-de-teste-123', 'cavalo correto bateria grampo', 'Vx9#kq2!mZ7p', 'caminhão-azul-do-porto'])('accepts %s', (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });
});
