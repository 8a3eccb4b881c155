import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { MysqlServer } from '@helix/db';

/** Client dump programs, preferred first (mariadb-dump speaks MariaDB's dialect; mysqldump is its old name or MySQL's). */
const DUMP_PROGRAMS = ['mariadb-dump', 'mysqldump'];

/** The first dump program on PATH, or undefined (then the built-in dumper is used). */
export function findDumpProgram(searchPath = process.env.PATH ?? ''): string | undefined {
  for (const program of DUMP_PROGRAMS) {
    for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, program);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/**
 * Runs `program` on one database (or some of its tables), writing its SQL into `out` (left open). Credentials go in a
 * private option file (mode 0600, removed afterwards), never in argv where `ps` would show them.
 */
export async function runDumpProgram(
  program: string,
  server: MysqlServer,
  database: string,
  out: Writable,
  tables?: readonly string[],
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'helix-dump-'));
  const optionFile = path.join(dir, 'client.cnf');
  try {
    await writeFile(
      optionFile,
      `[client]\nuser=${optionValue(server.user)}\npassword=${optionValue(server.password)}\nhost=${optionValue(server.host)}\nport=${server.port}\n`,
      { mode: 0o600 },
    );
    const args = [
      `--defaults-extra-file=${optionFile}`, // must come first
      '--protocol=TCP',
      '--single-transaction', // a consistent snapshot without locking tables
      '--skip-lock-tables',
      '--skip-add-locks',
      '--skip-comments',
      '--routines',
      '--triggers',
      '--hex-blob',
      // Statements of at most 64 KB: a copy paced between statements spreads its load on the target.
      '--net-buffer-length=65536',
      '--no-tablespaces',
      '--default-character-set=utf8mb4',
      database,
      // Only these tables (mysqldump takes them after the database); names come from the server's own catalogue.
      ...(tables ?? []),
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (data: Buffer) => (stderr = (stderr + data.toString()).slice(-2000)));
      child.stdout.pipe(out, { end: false });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${path.basename(program)} saiu com código ${code}: ${stderr.trim()}`)),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Option-file value: quoted, with the escapes the client library understands. */
const optionValue = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
