import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  /** The reason the value was refused (by the page or the server). */
  problem?: string;
  hint?: ReactNode;
}

/** A label, the control, its hint and its problem, wired for screen readers (aria-invalid, aria-describedby). */
function useFieldIds(problem: string | undefined, hint: ReactNode) {
  const id = useId();
  const describedBy = [hint ? `${id}-dica` : null, problem ? `${id}-erro` : null].filter(Boolean).join(' ') || undefined;
  return { id, describedBy, invalid: problem ? true : undefined };
}

function Extras({ id, hint, problem }: { id: string; hint: ReactNode; problem?: string }) {
  return (
    <>
      {hint && (
        <span id={`${id}-dica`} className="campo__dica">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-erro`} className="campo__erro">
          {problem}
        </span>
      )}
    </>
  );
}

export function TextField({ label, problem, hint, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const { id, describedBy, invalid } = useFieldIds(problem, hint);
  return (
    <div className="campo">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={invalid} aria-describedby={describedBy} {...input} />
      <Extras id={id} hint={hint} problem={problem} />
    </div>
  );
}

export function SelectField({ label, problem, hint, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const { id, describedBy, invalid } = useFieldIds(problem, hint);
  return (
    <div className="campo">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...select}>
        {children}
      </select>
      <Extras id={id} hint={hint} problem={problem} />
    </div>
  );
}

export function TextAreaField({ label, problem, hint, ...area }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, describedBy, invalid } = useFieldIds(problem, hint);
  return (
    <div className="campo campo--largo">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={invalid} aria-describedby={describedBy} {...area} />
      <Extras id={id} hint={hint} problem={problem} />
    </div>
  );
}
