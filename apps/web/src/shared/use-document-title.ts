import { useEffect } from 'react';

/** Sets the tab's title for the page on screen: `Página · Loja`. */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const title = parts.filter(Boolean).join(' · ');
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
