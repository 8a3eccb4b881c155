import type { ReactNode } from 'react';

/** A form's main button: disabled while its write runs, saying what it is doing then when `busyLabel` is given. */
export function SubmitButton({
  busy,
  busyLabel,
  disabled,
  children,
}: {
  busy: boolean;
  busyLabel?: string;
  /** Also disabled when the form is not ready to send. */
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button type="submit" className="botao botao--primario" disabled={busy || disabled}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
