import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
}

export const ECHO_VISITOR_TOKEN = 'visitante.token-de-teste.assinatura';

/**
 * A real HTTP server standing where a robot instance would: it records what reaches it (headers,
 * body size and hash) and answers it back, with a visitor session route and a route that never answers.
 */
export async function startEchoUpstream() {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    req.on('end', () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, bytes, sha256: hash.digest('hex') };
      seen.push(request);
      if (req.url === '/lento') return; // never answers
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', 'robo=1; Path=/');
      if (req.method === 'POST' && req.url === '/visitante/sessao') {
        res.statusCode = 201;
        const expiraEm = new Date(Date.now() + 30 * 86_400_000).toISOString();
        return res.end(JSON.stringify({ token: ECHO_VISITOR_TOKEN, expira_em: expiraEm, visitante_id: 'v-1' }));
      }
      res.end(JSON.stringify(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
