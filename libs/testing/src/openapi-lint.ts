import { spawn } from 'node:child_process';
import path from 'node:path';

const LINT_SCRIPT = path.resolve(__dirname, '../../../tools/openapi/lint-openapi.mjs');

export interface OpenApiProblem {
  rule: string;
  severity: 'error' | 'warn';
  message: string;
  where?: string;
}

/** Redocly's `recommended` problems with an OpenAPI document (run as a plain Node process: the linter is an ES module). */
export async function redoclyProblems(document: unknown): Promise<OpenApiProblem[]> {
  const child = spawn(process.execPath, [LINT_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdin.end(JSON.stringify(document));
  const code = await exited;
  if (code !== 0) throw new Error(`the OpenAPI linter exited with ${code}`);
  return JSON.parse(Buffer.concat(output).toString('utf8')) as OpenApiProblem[];
}
