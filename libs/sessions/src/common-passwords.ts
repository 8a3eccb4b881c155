import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * About 49,000 passwords ranked from public breach corpora (zxcvbn-ts's common list, MIT), plus
 * words Brazilian users and this product's admins reach for that the list lacks.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  ...dictionary['passwords-common'],
  ...['mudar', 'trocar', 'mudarsenha', 'acesso', 'bemvindo', 'meuamor', 'deus', 'corinthians', 'fluminense'],
  ...['administrador', 'helixai', 'vendeai'],
]);

/** Digits, punctuation and spaces around a word: `Senha@2024!` is still `senha`. */
const DECORATION = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;
const ONLY_DIGITS = /^\p{N}+$/u;

/** A common password as is or decorated (case, digits or symbols around it), or digits alone (dates, phones). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return ONLY_DIGITS.test(lower) || COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(DECORATION, ''));
}
