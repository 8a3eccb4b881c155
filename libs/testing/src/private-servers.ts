import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPrivateServer, type PrivateServer } from '@helix/db';

/**
 * Private MariaDB servers (a fleet for a spec), started side by side in a temporary directory; if
 * one fails, those that started are stopped and the directory removed before the error. `close()`
 * stops them all and removes it.
 */
export async function startPrivateServers(names: readonly string[]): Promise<{ servers: PrivateServer[]; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-servers-'));
  const started = await Promise.allSettled(names.map((name) => startPrivateServer(path.join(dir, name))));
  const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const close = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { servers, close };
}
