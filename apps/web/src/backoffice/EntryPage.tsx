import { useEffect, useRef, type ReactNode } from 'react';
import { useDocumentTitle } from '../shared/use-document-title';

/** A page outside a session (sign in, create a password): its heading takes the focus when it opens. */
export function EntryPage({
  heading,
  title,
  suffix,
  children,
}: {
  heading: ReactNode;
  title: string;
  suffix: string;
  children: ReactNode;
}) {
  useDocumentTitle(title, suffix);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <main id="conteudo" className="entrada">
      <h1 ref={ref} tabIndex={-1}>
        {heading}
      </h1>
      {children}
    </main>
  );
}
