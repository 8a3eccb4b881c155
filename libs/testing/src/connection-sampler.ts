import { connectOnce, type RowDataPacket } from '@helix/db';
import { testMysqlUrl } from './test-scope';

/**
 * Samples the server's processlist from a root connection of its own until stopped: the
 * connections MySQL sees for the accounts matching `userLike`, not what a pool believes it holds.
 * `intervalMs` 0 samples as fast as the server answers (tests); benchmarks pause to stay out of the way.
 */
export async function sampleConnections(userLike: string, options: { intervalMs?: number; url?: string } = {}) {
  const sampler = await connectOnce(options.url ?? testMysqlUrl());
  let running = true;
  let max = 0;
  let samples = 0;
  const loop = (async () => {
    while (running) {
      const [rows] = await sampler.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.processlist WHERE user LIKE ?', [
        userLike,
      ]);
      max = Math.max(max, Number(rows[0].n));
      samples++;
      if (options.intervalMs) await new Promise((r) => setTimeout(r, options.intervalMs));
    }
  })();
  return {
    async stop(): Promise<{ max: number; samples: number }> {
      running = false;
      await loop;
      await sampler.end();
      return { max, samples };
    },
  };
}
