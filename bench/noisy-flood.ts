/**
 * The flooding tenant of `npm run bench:noisy`, in a process of its own: GET requests for one
 * tenant at a fixed rate, evenly spaced (each millisecond sends what has fallen due), pipelined over
 * keep-alive connections so that a slow answer never holds the next request back: open loop.
 * Written here because autocannon's `overallRate` is a quota per second, sent as fast as it can at
 * the start of each second: a burst every second, not a rate. Answers are counted by status and
 * reported through IPC.
 */
import { connect, type Socket } from 'node:net';

const { FLOOD_URL, FLOOD_KEY, FLOOD_RATE, FLOOD_SECONDS, FLOOD_CONNECTIONS } = process.env;
const url = new URL(`${FLOOD_URL}/veiculos`);
const rate = Number(FLOOD_RATE);
const seconds = Number(FLOOD_SECONDS);
const request = Buffer.from(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nX-Tenant-Key: ${FLOOD_KEY}\r\n\r\n`);
/** How long answers still in flight are awaited once sending stops. */
const DRAIN_MS = 2_000;

const byStatus: Record<string, number> = {};
let sent = 0;
let answered = 0;

/** Counts the answers in a socket's byte stream: status line, Content-Length, body skipped. */
function countAnswers(socket: Socket): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const headEnd = pending.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = pending.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (pending.length < headEnd + 4 + length) return;
      const status = head.slice(9, 12);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      answered++;
      pending = pending.subarray(headEnd + 4 + length);
    }
  });
}

async function main(): Promise<void> {
  const sockets = await Promise.all(
    Array.from(
      { length: Number(FLOOD_CONNECTIONS) },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket)).once('error', reject);
          socket.setNoDelay(true);
          countAnswers(socket);
        }),
    ),
  );
  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.floor((Math.min(elapsed, seconds * 1000) * rate) / 1000) - sent;
      for (let i = 0; i < due; i++) sockets[next++ % sockets.length].write(request);
      sent += Math.max(0, due);
      if (elapsed >= seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  const deadline = performance.now() + DRAIN_MS;
  while (answered < sent && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.destroy();
  process.send!({ sent, rate: sent / seconds, byStatus, unanswered: sent - answered }, () => process.exit(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
