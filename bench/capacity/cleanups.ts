/** What bench:capacity created or changed, undone in reverse order at the end, on error, or on Ctrl-C. */

export interface Cleanups {
  /** Registers an undo step; the last registered runs first. */
  defer(cleanup: () => Promise<unknown>): void;
  /** Runs every step once, however often it is called (the signal handlers and `finally` may both call it). */
  cleanUp(): Promise<void>;
}

export function cleanupsOnExit(): Cleanups {
  const cleanups: (() => Promise<unknown>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      // A server that restarted mid-run (it is shared) gets a few more tries: nothing is left behind.
      for (const cleanup of cleanups.reverse()) {
        for (let attempt = 1; ; attempt++) {
          const failure = await cleanup().then(
            () => undefined,
            (error: unknown) => error,
          );
          if (!failure) break;
          console.error(`cleanup (attempt ${attempt}):`, failure);
          if (attempt === 6) break;
          await new Promise((resolve) => setTimeout(resolve, 5_000));
        }
      }
    })());
  // Ctrl-C must not leave the server's caches raised nor processes and databases behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }
  return { defer: (cleanup) => void cleanups.push(cleanup), cleanUp };
}
