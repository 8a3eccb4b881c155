import { useState } from 'react';
import { fieldProblems } from '../shared/field-problems';
import { useAction } from './use-action';

type Problems<F> = Partial<Record<keyof F, string>>;

/**
 * A back-office form: its values as typed, the problems the page finds before sending and, after a
 * refused write, the server's problems for the same fields. `serverName` maps a form field to the
 * server's name for it when they differ (the form's `preco` is the master's `preco_mensal`).
 */
export function useCheckedForm<F extends { [K in keyof F]: string }>(initial: F, serverName: Partial<Record<keyof F, string>> = {}) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Problems<F>>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const server = fieldProblems(action.error);
  const problemOf = (name: keyof F & string): string | undefined => problems[name] ?? server[serverName[name] ?? name];

  /** What a TextField or SelectField needs for one field: its value, its change, its problem. */
  const field = (name: keyof F & string) => ({
    value: values[name],
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value })),
    problem: problemOf(name),
  });
  /** Shows the page's own problems (a field without one may be left undefined); true when there are none and the form may be sent. */
  const check = (found: Problems<F>) => {
    setProblems(found);
    return Object.values(found).every((problem) => problem === undefined);
  };
  /**
   * Checks, then writes; `saved` says so once the write went through (the page shows it). Resolves
   * to `{ value }` with what `write` answered, or undefined when the form was refused or the write failed.
   */
  const save = async <T>(found: Problems<F>, write: () => Promise<T>): Promise<{ value: T } | undefined> => {
    setSaved(false);
    if (!check(found)) return undefined;
    const done = await action.run(async () => ({ value: await write() }));
    if (done) setSaved(true);
    return done;
  };
  return { values, field, check, save, saved, action };
}
