/**
 * `npm start`: one MySQL for everyone (MYSQL_URL, else the embedded default), then every service
 * as its own process; the web service last, once the SPA it serves is built (again only when a
 * file under apps/web is newer than the build). A service that stops is reported and the others
 * keep running, as they would when deployed apart; Ctrl+C stops them all. In development, an empty
 * master gets the demo stores (`helix demo`, DEMO=0 turns it off; production never seeds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureMysqlServer } from '@helix/db';

/** The robots and the master see browsers' addresses through the web service on this machine (X-Forwarded-For). */
const BEHIND_LOCAL_WEB = { TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback' };

const SERVICES = [
  { name: 'master-api', script: 'start:master', env: BEHIND_LOCAL_WEB },
  { name: 'carros-api', script: 'start:carros', env: BEHIND_LOCAL_WEB },
  { name: 'imoveis-api', script: 'start:imoveis', env: BEHIND_LOCAL_WEB },
] as const;
const WEB_SOURCES = 'apps/web';
const WEB_BUILD_INDEX = 'dist/apps/web/index.html';

/** The newest modification time of any file under `dir`. */
function newestFile(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestFile(full) : statSync(full).mtimeMs);
  }, 0);
}

/** Builds the SPA when missing or older than its sources; a failed build is reported, and the web service starts anyway (its API works; pages answer 503). */
async function buildSpaIfStale(): Promise<void> {
  const builtAt = existsSync(WEB_BUILD_INDEX) ? statSync(WEB_BUILD_INDEX).mtimeMs : 0;
  if (builtAt > 0 && builtAt >= newestFile(WEB_SOURCES)) return;
  console.log(builtAt === 0 ? 'web: gerando o app (dist/apps/web)…' : 'web: apps/web mudou; gerando o app de novo…');
  const outcome = await new Promise<string | undefined>((resolve) =>
    spawn('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' })
      .on('error', (error) => resolve(error.message))
      .on('exit', (code, signal) => resolve(code === 0 ? undefined : (signal ?? `código ${code}`))),
  );
  if (outcome !== undefined) {
    console.error(
      `web: a geração do app falhou (${outcome}); veja os erros acima. O serviço web sobe assim mesmo: ` +
        '/api funciona e as páginas respondem 503 até `npm run build:web` dar certo.',
    );
  }
}

/** Polls `url` until it answers 2xx, up to a minute. */
async function answering(url: string): Promise<boolean> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return true;
  }
  return false;
}

/** The demo stores, once the master and the robots answer; their owners' passwords are printed by `helix demo`. */
async function seedDemoStores(env: NodeJS.ProcessEnv): Promise<void> {
  const services = [
    `http://127.0.0.1:${process.env.MASTER_PORT ?? 3000}/ready`,
    'http://127.0.0.1:3001/health',
    'http://127.0.0.1:3002/health',
  ];
  if (!(await Promise.all(services.map(answering))).every(Boolean)) {
    console.error(
      'demo: o master e os robôs não responderam em 1 minuto; lojas de demonstração não criadas (rode `npm run helix -- demo`).',
    );
    return;
  }
  await new Promise((resolve) => spawn('npm', ['run', '--silent', 'helix', '--', 'demo'], { stdio: 'inherit', env }).on('exit', resolve));
}

async function main() {
  const url = await ensureMysqlServer(
    process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    process.env.MYSQL_DATA_DIR ?? '.data/mysql',
    (m) => console.log(m),
  );
  const running = new Map<string, ChildProcess>();
  let stopping = false;
  const start = (name: string, script: string, env: Record<string, string> = {}) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit', env: { ...process.env, MYSQL_URL: url, ...env } });
    running.set(name, child);
    child.on('exit', (code, signal) => {
      running.delete(name);
      console.log(`${name} parou (${signal ?? `código ${code}`}); os demais seguem rodando.`);
      if (running.size === 0) process.exit(code ?? 0);
    });
  };
  for (const service of SERVICES) start(service.name, service.script, service.env);
  const stopAll = () => {
    stopping = true;
    running.forEach((child) => child.kill('SIGTERM'));
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);

  await buildSpaIfStale();
  if (!stopping) start('web', 'start:web');
  if (!stopping && process.env.DEMO !== '0' && process.env.NODE_ENV !== 'production')
    await seedDemoStores({ ...process.env, MYSQL_URL: url });
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
