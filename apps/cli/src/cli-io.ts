import { SingleBar, Presets } from 'cli-progress';
import type { Writable } from 'node:stream';

/** What a run of the CLI talks to: injected so tests run the real program in-process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  stdinIsTTY: boolean;
}

/** Raised by a command to end the run with this exit code after its output (e.g. some tenants failed). */
export class CommandFailed extends Error {
  constructor(readonly exitCode = 1) {
    super('command failed');
  }
}

export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** The one result of a command: a JSON document with --json, else lines for people. */
  result(data: unknown, lines: () => string[]): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(data, null, 2)}\n` : `${lines().join('\n')}\n`);
  }

  error(code: string, message: string, details?: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify({ error: { code, message, details } }, null, 2)}\n`);
    else this.io.stderr.write(`erro [${code}]: ${message}\n`);
  }

  /** A progress bar on stderr for long work, only for a person at a terminal. */
  progress(total: number, label: string): { tick: () => void; stop: () => void } {
    if (this.json || !this.io.stdout.isTTY || total === 0) return { tick: () => undefined, stop: () => undefined };
    const bar = new SingleBar(
      { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: this.io.stderr as NodeJS.WritableStream as never },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: () => bar.increment(), stop: () => bar.stop() };
  }
}
