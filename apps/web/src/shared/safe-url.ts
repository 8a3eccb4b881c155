/**
 * Image addresses that come from tenant data (photos, logo): http(s) URLs, and the store's own uploads
 * (`/fotos/<nome>`, served by the robot behind the web service as `/api/fotos/<nome>`). Anything else
 * (`javascript:`, `data:`, other paths) is dropped rather than handed to the browser.
 */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('/')) {
    // Also taken already mapped (`/api/fotos/…`), as the back-office may hand it over.
    const upload = /^(?:\/api)?(\/fotos\/[\w-][\w.-]*)$/.exec(url);
    return upload ? `/api${upload[1]}` : null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
