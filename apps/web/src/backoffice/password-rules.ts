/** The same rules as the server (admins and staff alike): 10 to 200 characters, not a common password. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const PASSWORD_RULES = `De ${PASSWORD_MIN} a ${PASSWORD_MAX} caracteres. Evite senhas comuns (ex.: 1234567890, senha12345): elas são recusadas.`;

/** The problem the page itself can see before sending; the server still checks common passwords. */
export function passwordProblem(senha: string, confirmacao?: string): string | undefined {
  if (senha.length < PASSWORD_MIN) return `Use ao menos ${PASSWORD_MIN} caracteres.`;
  if (senha.length > PASSWORD_MAX) return `Use no máximo ${PASSWORD_MAX} caracteres.`;
  if (confirmacao !== undefined && senha !== confirmacao) return 'As duas senhas não são iguais.';
  return undefined;
}
