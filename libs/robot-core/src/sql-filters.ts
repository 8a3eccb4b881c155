/**
 * The WHERE clause of a filtered listing: AND-ed conditions written in code, each with its value
 * as a placeholder parameter. Request input only ever reaches `params`.
 */
export class SqlFilters {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `condition` (one `?`) when `value` is given. */
  when(value: unknown, condition: string, param: unknown = value): this {
    if (value !== undefined && value !== null && value !== '') {
      this.conditions.push(condition);
      this.params.push(param);
    }
    return this;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** LIMIT/OFFSET parameters of a page. */
export const pageParams = (query: { page: number; per_page: number }) => [query.per_page, (query.page - 1) * query.per_page];
