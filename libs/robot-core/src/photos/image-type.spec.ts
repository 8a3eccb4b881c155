import { imageTypeOf } from './image-type';

describe('telling an image by its first bytes', () => {
  it('recognises JPEG, PNG and WebP', () => {
    expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.contentType).toBe('image/jpeg');
    expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.ext).toBe('png');
    expect(imageTypeOf(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))?.ext).toBe('webp');
  });

  it('refuses text, HTML, SVG, GIF, truncated signatures and an empty file, whatever their names say', () => {
    for (const content of [
      'não sou uma imagem',
      '<html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'GIF89a',
      '\x89PNG',
      'RIFF1234WAVE',
      '',
    ]) {
      expect(imageTypeOf(Buffer.from(content, 'latin1'))).toBeUndefined();
    }
  });
});
