import type { ReactNode } from 'react';

/** "Saved", announced politely once a form's write went through. */
export function SavedNotice({ shown, children }: { shown: boolean; children: ReactNode }) {
  if (!shown) return null;
  return (
    <p className="bo-aviso bo-aviso--ok" role="status">
      {children}
    </p>
  );
}
