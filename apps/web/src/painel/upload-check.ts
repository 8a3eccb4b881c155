/** The same limits as the robot's upload (it checks the bytes again): JPEG, PNG or WebP up to 5 MB. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Why this file cannot be sent, or undefined when it may. Checked before uploading, to spare a useless transfer. */
export function photoFileProblem(file: File): string | undefined {
  if (!PHOTO_TYPES.has(file.type)) return 'Envie uma imagem JPEG, PNG ou WebP.';
  if (file.size > MAX_PHOTO_BYTES) return 'A imagem passa de 5 MB. Reduza o tamanho e tente de novo.';
  if (file.size === 0) return 'O arquivo está vazio.';
  return undefined;
}

/** A photo url as stored (`/fotos/<name>` for uploads, served under the store's `/api`). */
export const photoSrc = (url: string): string => (url.startsWith('/fotos/') ? `/api${url}` : url);
