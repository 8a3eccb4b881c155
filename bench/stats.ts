/** Small helpers the benchmarks share to print comparable figures. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface ProcessSample {
  ppid: number;
  /** utime + stime, µs. */
  cpu: number;
  cmdline: string;
}

function readProcesses(): Map<number, ProcessSample> {
  const processes = new Map<number, ProcessSample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after "pid (comm) ": state ppid … utime(11) stime(12), in clock ticks (100 Hz).
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) * 10_000, cmdline });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return processes;
}

/** A child's process tree named by its `--title`, else by the service or script it runs (tsx starts each as a tree). */
const treeName = (cmdline: string) =>
  /--title=([\w.-]+)/.exec(cmdline)?.[1] ??
  /apps\/([\w-]+)\/src\/main\.ts/.exec(cmdline)?.[1] ??
  /([\w.-]+)\.ts\b/.exec(cmdline)?.[1] ??
  'other';

/**
 * CPU time by process on Linux (/proc): this process, each child process tree of it, and `extra`
 * pids (e.g. mysqld). On a machine with few cores every process competes for the same CPUs, so
 * CPU per request says where the time goes better than latency does. Empty where /proc is absent.
 */
export function cpuByProcess(extra: Record<string, number> = {}): () => Map<string, number> {
  return () => {
    const totals = new Map<string, number>();
    if (!existsSync('/proc/self/stat')) return totals;
    const processes = readProcesses();
    const add = (name: string, cpu: number) => totals.set(name, (totals.get(name) ?? 0) + cpu);
    for (const [pid, sample] of processes) {
      const extraName = Object.keys(extra).find((name) => extra[name] === pid);
      if (extraName) add(extraName, sample.cpu);
      else if (pid === process.pid) add('load generator', sample.cpu);
      else {
        // Attribute a descendant of this process to the tree of its ancestor that is a direct child.
        let child = pid;
        while (processes.get(child) && processes.get(child)!.ppid !== process.pid && processes.get(child)!.ppid > 1)
          child = processes.get(child)!.ppid;
        if (processes.get(child)?.ppid === process.pid) add(treeName(processes.get(child)!.cmdline), sample.cpu);
      }
    }
    return totals;
  };
}
