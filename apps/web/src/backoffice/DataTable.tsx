import type { ReactNode } from 'react';

/**
 * A list as a table that scrolls sideways on narrow screens: its caption for screen readers, one
 * column header per name, a row per item and, when given, what to say below an empty table.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  row,
  empty,
}: {
  caption: ReactNode;
  columns: ReactNode[];
  rows: readonly T[];
  row: (item: T) => ReactNode;
  empty?: string;
}) {
  return (
    <>
      <div className="tabela-rolagem">
        <table className="tabela">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th key={index} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows.map(row)}</tbody>
        </table>
      </div>
      {empty && rows.length === 0 && <p>{empty}</p>}
    </>
  );
}
