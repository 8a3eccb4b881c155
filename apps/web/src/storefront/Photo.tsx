import { useState } from 'react';
import { safeImageUrl } from '../shared/safe-url';

/** An item's photo, or a neutral placeholder when it has none (or it fails to load). `alt=""` when it only decorates. */
export function Photo({
  url,
  alt,
  className,
  eager,
}: {
  url: string | null | undefined;
  alt: string;
  className?: string;
  eager?: boolean;
}) {
  const src = safeImageUrl(url);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (!src || failedSrc === src) {
    return (
      <div
        className={`foto foto--vazia ${className ?? ''}`}
        {...(alt ? { role: 'img', 'aria-label': `${alt} (sem foto)` } : { 'aria-hidden': true })}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2v8.6l3.8-3.8 3 3 4.2-4.2L19 13.6V7H5Zm4 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Z" />
        </svg>
      </div>
    );
  }
  return (
    <img
      className={`foto ${className ?? ''}`}
      src={src}
      alt={alt}
      width={640}
      height={480}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      onError={() => setFailedSrc(src)}
    />
  );
}
