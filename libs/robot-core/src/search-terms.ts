/** Words that say nothing about what the customer wants (pt-BR chat filler). */
const STOPWORDS = new Set(
  'ola oi bom boa dia tarde noite voce voces tem tens tenho ter que qual quais quero queria gostaria para pra com uma uns umas dos das por mais menos algum alguma como onde quando esta estao sobre ainda tambem favor obrigado obrigada preciso procuro procurando vender venda comprar compra carro carros veiculo veiculos imovel imoveis disponivel disponiveis estoque'.split(
    ' ',
  ),
);

const MAX_TERMS = 6;

/**
 * The customer's message as search terms: lower-case words of 3+ letters or digits, accents folded
 * (the tables' collation is accent-insensitive too), filler removed. Values for placeholders only.
 */
export function searchTerms(message: string): string[] {
  const words = message
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !STOPWORDS.has(word));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** `%term%` for LIKE, with LIKE's own wildcards escaped. */
export const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
