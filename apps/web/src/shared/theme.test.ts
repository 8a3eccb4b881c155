import { describe, expect, it } from 'vitest';
import { contrastRatio, DEFAULT_PRIMARY, themeColors } from './theme';

describe("the store's colour", () => {
  it.each(['#ffd400', '#777777', '#808080', '#ff0000', '#00ff00', '#1d4ed8', '#000000', '#ffffff', '#0ea5e9'])(
    '%s gets text readable on it and a shade readable as text on the page',
    (color) => {
      const { primaria, contraste, texto } = themeColors(color);
      expect(primaria).toBe(color);
      expect(contrastRatio(primaria, contraste)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(texto, '#f6f7f9')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('falls back to the default for anything that is not a colour', () => {
    for (const value of [null, '', 'red', '#12345', 'url(javascript:alert(1))', '#1234567']) {
      expect(themeColors(value).primaria).toBe(DEFAULT_PRIMARY);
    }
    expect(themeColors('#abc').primaria).toBe('#aabbcc');
  });
});
