import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';

// Tenant keys match TENANT_KEY_PATTERN ([a-z0-9_]), so the captured key is safe as a file name.
const TENANT_KEY_FIELD = /"tenant_key":"([a-z][a-z0-9_]{2,39})"/;

/**
 * LOG_PER_TENANT_DIR: a pino destination that appends each line carrying a `tenant_key` to
 * `<dir>/tenant_<key>.log` (the seed's per-client logs), besides the service's main log. File
 * handles are kept for the most recently active tenants only, so 1,000 tenants do not hold 1,000
 * descriptors.
 */
export class TenantLogFiles {
  private readonly files: LRUCache<string, WriteStream>;

  constructor(
    private readonly dir: string,
    maxOpenFiles = 128,
  ) {
    mkdirSync(dir, { recursive: true });
    this.files = new LRUCache({ max: maxOpenFiles, dispose: (stream) => stream.end() });
  }

  write(line: string): void {
    const key = TENANT_KEY_FIELD.exec(line)?.[1];
    if (!key) return;
    let stream = this.files.get(key);
    if (!stream) {
      stream = createWriteStream(path.join(this.dir, `tenant_${key}.log`), { flags: 'a' });
      this.files.set(key, stream);
    }
    stream.write(line);
  }

  /** Flushes and closes every open file. */
  async close(): Promise<void> {
    const streams = [...this.files.values()];
    this.files.clear();
    await Promise.all(
      streams.map((stream) => new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', () => resolve())))),
    );
  }
}
