/**
 * The store's main colour, applied as CSS custom properties on <html> through the CSSOM (allowed by
 * the page's `style-src 'self'`, unlike style attributes in markup). Besides the colour itself it sets
 * the text colour readable on it and a shade dark enough for links on the page (WCAG AA, 4.5:1).
 */

export const DEFAULT_PRIMARY = '#1d4ed8';

const HEX = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i;

export interface ThemeColors {
  primaria: string;
  /** Text on a `primaria` background. */
  contraste: string;
  /** `primaria`, darkened until it reads on white. */
  texto: string;
}

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: Rgb): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)), luminance(parseHex(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const WHITE = '#ffffff';
// Pure black: for any colour, black or white then reaches 4.5:1 (a softer ink fails on mid-tones).
const BLACK = '#000000';
/** The page's background (base.css --fundo), a shade under white: text in the colour must read on it too. */
const PAGE = '#f6f7f9';

export function themeColors(color: string | null | undefined): ThemeColors {
  const primaria = color && HEX.test(color) ? toHex(parseHex(color)) : DEFAULT_PRIMARY;
  const contraste = contrastRatio(primaria, WHITE) >= contrastRatio(primaria, BLACK) ? WHITE : BLACK;
  let rgb = parseHex(primaria);
  for (let step = 0; step < 20 && contrastRatio(toHex(rgb), PAGE) < 4.5; step++) rgb = rgb.map((c) => c * 0.85) as Rgb;
  return { primaria, contraste, texto: toHex(rgb) };
}

export function applyTheme(color: string | null | undefined, root: HTMLElement = document.documentElement): ThemeColors {
  const colors = themeColors(color);
  root.style.setProperty('--cor-primaria', colors.primaria);
  root.style.setProperty('--cor-primaria-contraste', colors.contraste);
  root.style.setProperty('--cor-primaria-texto', colors.texto);
  return colors;
}
