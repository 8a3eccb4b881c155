import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitForHttp } from './wait-for-http';

const ROOT = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  url: string;
  /** Starts the process and returns once `readyPath` answers. */
  start(): Promise<void>;
  /** Ends the process and waits for it to exit; nothing if it is not running. */
  stop(): Promise<void>;
}

/**
 * One of this repository's services (`script`, e.g. apps/master-api/src/main.ts) as its own process
 * through tsx, as deployed, on 127.0.0.1:`port`; it can be stopped and started again. `env` is its
 * whole environment; `title` names the process apart (the benchmarks' CPU figures).
 */
export function serviceProcess(
  script: string,
  options: { port: number; readyPath: string; env: NodeJS.ProcessEnv; title?: string },
): ServiceProcess {
  const url = `http://127.0.0.1:${options.port}`;
  const args = [...(options.title ? [`--title=${options.title}`] : []), script];
  let child: ChildProcess | undefined;
  return {
    url,
    async start() {
      child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, {
        cwd: ROOT,
        env: options.env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // One that never gets ready is not left running behind the failure.
      await waitForHttp(`${url}${options.readyPath}`, child).catch((error) => {
        child?.kill('SIGTERM'); // tsx passes it on to the service (a SIGKILL would orphan it)
        throw error;
      });
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
