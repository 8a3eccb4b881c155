/** Numbers as people type them in pt-BR forms: `1.234,56`, `1234.56`, `R$ 99`. */

/** An amount with at most two decimals, or null when the text is not one. */
export function decimalOf(text: string): number | null {
  const cleaned = text.trim().replace(/^R\$\s*/, '');
  // A comma is the decimal mark (dots group thousands); without one, `3.500` is still thousands, `49.9` a decimal.
  const thousandsOnly = /^\d{1,3}(\.\d{3})+$/.test(cleaned);
  const normalised = cleaned.includes(',') || thousandsOnly ? cleaned.replace(/\./g, '').replace(',', '.') : cleaned;
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Number(normalised);
}

/** A whole number (thousands may be dotted: `1.000`), or null. */
export function wholeNumberOf(text: string): number | null {
  const cleaned = text.trim().replace(/\./g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
}

const twoDecimals = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount back into the form's text, as `decimalOf` reads it: `1234.5` → `1.234,50`. */
export const moneyText = (value: number | string | null | undefined): string =>
  value === null || value === undefined || value === '' ? '' : twoDecimals.format(Number(value));
