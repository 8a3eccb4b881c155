import { describe, expect, it } from 'vitest';
import { safeImageUrl } from './safe-url';

describe('image addresses from tenant data', () => {
  it("keeps http(s) URLs and shows the store's uploads through the web service", () => {
    expect(safeImageUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg');
    expect(safeImageUrl('http://cdn.example.com/a.jpg')).toBe('http://cdn.example.com/a.jpg');
    expect(safeImageUrl('/fotos/3f2a.webp')).toBe('/api/fotos/3f2a.webp');
    expect(safeImageUrl('/api/fotos/3f2a.webp')).toBe('/api/fotos/3f2a.webp');
  });

  it.each([
    null,
    '',
    'javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    '/api/equipe/usuarios',
    '/fotos/../x',
    '/fotos/..',
    '//evil.example/a.jpg',
    'x',
  ])('drops %s', (url) => expect(safeImageUrl(url)).toBeNull());
});
