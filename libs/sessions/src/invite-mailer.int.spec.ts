import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { InviteMailer } from './invite-mailer';

const mail = { para: 'dono@loja.test', loja: 'Loja', url: 'http://loja.localhost:3003/painel/convite#token-secreto' };

describe('InviteMailer against a server that never answers', () => {
  let silent: net.Server;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    // Accepts the connection and never sends the SMTP greeting: a hung mail server.
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up within its timeout, reports not sent, and logs neither the link nor its token', async () => {
    const warnings: unknown[] = [];
    const { port } = silent.address() as AddressInfo;
    const mailer = new InviteMailer(
      { url: `smtp://127.0.0.1:${port}`, from: 'VendeAI <nao-responda@vendeai.com>', timeoutMs: 300 },
      { warn: (fields, message) => warnings.push({ fields, message }) },
    );
    const started = Date.now();
    const outcome = await mailer.send(mail);
    // The silent server never greets: without the timeout this would wait until the test's own. The
    // bound is far above 300 ms so that a loaded machine cannot make it fail.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(outcome).toEqual({ enviado: false, erro: expect.stringContaining('copie o link') });
    expect(warnings).toHaveLength(1);
    expect(inspect(warnings, { depth: 6 })).not.toContain('token-secreto');
  });
});
