/**
 * `npm start`: one MySQL for everyone (MYSQL_URL, else the embedded default), then every service
 * as its own process. A service that stops is reported and the others keep running, as they
 * would when deployed apart; Ctrl+C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureMysqlServer } from '@helix/db';

const SERVICES = [
  { name: 'master-api', script: 'start:master' },
  { name: 'carros-api', script: 'start:carros' },
  { name: 'imoveis-api', script: 'start:imoveis' },
] as const;

async function main() {
  const url = await ensureMysqlServer(
    process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    process.env.MYSQL_DATA_DIR ?? '.data/mysql',
    (m) => console.log(m),
  );
  const running = new Map<string, ChildProcess>();
  for (const service of SERVICES) {
    const child = spawn('npm', ['run', '--silent', service.script], { stdio: 'inherit', env: { ...process.env, MYSQL_URL: url } });
    running.set(service.name, child);
    child.on('exit', (code, signal) => {
      running.delete(service.name);
      console.log(`${service.name} parou (${signal ?? `código ${code}`}); os demais seguem rodando.`);
      if (running.size === 0) process.exit(code ?? 0);
    });
  }
  const stopAll = () => running.forEach((child) => child.kill('SIGTERM'));
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
