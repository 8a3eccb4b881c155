/**
 * A MySQL server holding a thousand tenant databases needs table caches to match (docker-compose.yml
 * sizes them for production). Benchmarks that spread load over many tenants raise this server's to
 * the same values for their run when they are lower, and put them back afterwards.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { connectOnce, RowDataPacket } from '@helix/db';

type Connection = Awaited<ReturnType<typeof connectOnce>>;

const VARIABLES = ['table_definition_cache', 'table_open_cache'] as const;

/** The values docker-compose.yml's mysql service starts with (`--table-open-cache=…`). */
function composeValues(): Map<string, number> {
  const compose = readFileSync(path.resolve(__dirname, '../docker-compose.yml'), 'utf8');
  return new Map(
    VARIABLES.map((name) => {
      const match = compose.match(new RegExp(`--${name.replace(/_/g, '-')}=(\\d+)`));
      if (!match) throw new Error(`docker-compose.yml sets no --${name.replace(/_/g, '-')}`);
      return [name, Number(match[1])];
    }),
  );
}

/** Raises the table caches to docker-compose's values; returns how to restore them and what it did. */
export async function useComposeTableCaches(root: Connection): Promise<{ summary: string; restore(): Promise<void> }> {
  const wanted = composeValues();
  const raised: [string, number][] = [];
  for (const [name, value] of wanted) {
    const [[row]] = await root.query<RowDataPacket[]>(`SELECT @@GLOBAL.${name} AS value`);
    const current = Number(row.value);
    if (current >= value) continue;
    await root.query(`SET GLOBAL ${name} = ?`, [value]);
    raised.push([name, current]);
  }
  const summary = [...wanted].map(([name, value]) => `${name} ${value}`).join(', ');
  return {
    summary: raised.length ? `${summary} (raised for this run, as docker-compose.yml configures mysql)` : summary,
    restore: async () => {
      for (const [name, value] of raised) await root.query(`SET GLOBAL ${name} = ?`, [value]);
    },
  };
}
