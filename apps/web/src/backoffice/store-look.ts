/** The rules a store's name and colour follow wherever the back-office edits them (the servers check them too). */

export const COR_PRIMARIA = /^#[0-9a-fA-F]{6}$/;

/** The problem with a store's name as typed, if any. */
export const lojaNomeProblem = (nome: string): string | undefined => (nome.trim().length < 2 ? 'Informe o nome da loja.' : undefined);
