/** A statement fragment and the placeholder values it takes. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * The columns a write may set, written in code: field → column, or a list when fields and columns
 * share names. The only source of column names in the SQL (a body's own keys never are). A field
 * is written when the input gives it a value (`null` included: it clears the column), in the
 * order listed here; `toDb` converts a value where the table speaks otherwise (a status).
 */
export function writableColumns<F extends string>(
  columns: Readonly<Record<F, string>> | readonly F[],
  toDb = (_field: F, value: unknown) => value,
) {
  const columnOf: Readonly<Record<F, string>> = Array.isArray(columns)
    ? (Object.fromEntries(columns.map((f) => [f, f])) as Record<F, string>)
    : (columns as Record<F, string>);
  const fieldsOf = (input: Partial<Record<F, unknown>>) => (Object.keys(columnOf) as F[]).filter((field) => input[field] !== undefined);
  return {
    /** `(brand, model) VALUES (?)`: after `INSERT INTO <table> `; one parameter, the row. */
    insert(input: Partial<Record<F, unknown>>): SqlPart {
      const fields = fieldsOf(input);
      return { sql: `(${fields.map((f) => columnOf[f]).join(', ')}) VALUES (?)`, params: [fields.map((f) => toDb(f, input[f]))] };
    },
    /** `brand = ?, model = ?`: after `UPDATE <table> SET `. */
    assignments(changes: Partial<Record<F, unknown>>): SqlPart {
      const fields = fieldsOf(changes);
      return { sql: fields.map((f) => `${columnOf[f]} = ?`).join(', '), params: fields.map((f) => toDb(f, changes[f])) };
    },
  };
}
