import { describe, expect, it } from 'vitest';
import { decimalOf, moneyText, wholeNumberOf } from './numbers';

describe('numbers', () => {
  it('reads amounts as written in pt-BR, and plain decimals', () => {
    expect(decimalOf('1.234,56')).toBe(1234.56);
    expect(decimalOf('R$ 85.000')).toBe(85000);
    expect(decimalOf('3.500')).toBe(3500);
    expect(decimalOf('49.9')).toBe(49.9);
    expect(decimalOf('99')).toBe(99);
  });

  it('refuses what is not an amount with at most two decimals', () => {
    for (const text of ['', 'abc', '-5', '1,234', '1.2.3', '10,999', '1e3']) expect(decimalOf(text)).toBeNull();
  });

  it('reads whole numbers with dotted thousands; writes money back with a comma', () => {
    expect(wholeNumberOf('41.000')).toBe(41000);
    expect(wholeNumberOf('1,5')).toBeNull();
    expect(moneyText(98500.5)).toBe('98.500,50');
    expect(decimalOf(moneyText(1234567.8))).toBe(1234567.8);
    expect(moneyText(null)).toBe('');
  });
});
