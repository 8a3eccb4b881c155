/** The image formats a store may upload, told by their first bytes (never by the client's word). */
export interface ImageType {
  ext: 'jpg' | 'png' | 'webp';
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
}

const JPEG: ImageType = { ext: 'jpg', contentType: 'image/jpeg' };
const PNG: ImageType = { ext: 'png', contentType: 'image/png' };
const WEBP: ImageType = { ext: 'webp', contentType: 'image/webp' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** JPEG (FF D8 FF), PNG (its 8-byte signature) or WebP (RIFF….WEBP); anything else: undefined. */
export function imageTypeOf(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return JPEG;
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return PNG;
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return WEBP;
  return undefined;
}

const BY_EXT = new Map([JPEG, PNG, WEBP].map((type) => [type.ext, type]));

/** The type a stored file was saved as, from its name's extension (which the server chose). */
export const imageTypeOfExt = (ext: string): ImageType | undefined => BY_EXT.get(ext as ImageType['ext']);
