import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  /** The reason the value was refused (by the page or the server). */
  problem?: string;
  hint?: ReactNode;
}

interface ControlIds {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A label, the control, its hint and its problem, wired for screen readers (aria-invalid, aria-describedby). */
function Frame({ label, problem, hint, wide, control }: FieldFrame & { wide?: boolean; control: (ids: ControlIds) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-dica` : null, problem ? `${id}-erro` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={wide ? 'campo campo--largo' : 'campo'}>
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy })}
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
    </div>
  );
}

export function TextField({ label, problem, hint, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return <Frame label={label} problem={problem} hint={hint} control={(ids) => <input {...ids} {...input} />} />;
}

/** A required password; `autoComplete` tells password managers to fill the saved one or to offer a new one. */
export function PasswordField(
  props: FieldFrame & { autoComplete: 'current-password' | 'new-password' } & Omit<
      InputHTMLAttributes<HTMLInputElement>,
      'type' | 'required'
    >,
) {
  return <TextField type="password" required {...props} />;
}

export interface Choice {
  value: string;
  label: string;
}

/** A select's options, from `{value, label}` pairs or from a map of labels by value. */
export function Options({ choices }: { choices: readonly Choice[] | Record<string, string> }) {
  const list = Array.isArray(choices) ? choices : Object.entries(choices).map(([value, label]) => ({ value, label }));
  return list.map((choice) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
    </option>
  ));
}

export function SelectField({ label, problem, hint, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame
      label={label}
      problem={problem}
      hint={hint}
      control={(ids) => (
        <select {...ids} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function TextAreaField({ label, problem, hint, ...area }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <Frame label={label} problem={problem} hint={hint} wide control={(ids) => <textarea {...ids} {...area} />} />;
}
