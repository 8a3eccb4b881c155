/** A wait announced to screen readers; `texto` also shows beside the spinner. */
export function Loading({ texto = 'Carregando…' }: { texto?: string }) {
  return (
    <div className="carregando" role="status">
      <span className="carregando__roda" aria-hidden="true" />
      <span>{texto}</span>
    </div>
  );
}
