import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server that records every request and answers with an attacker
 * JWKS. Named in `jku`/`x5u` headers, it proves the verifier never fetches
 * from a URL a token chooses.
 */
export class TrapServer {
  readonly requests: string[] = [];
  #server: Server | undefined;
  #url = '';

  /** The server's base URL, once started. */
  get url(): string {
    return this.#url;
  }

  async start(document: unknown): Promise<void> {
    const server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(document));
    });

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;

    if (server === undefined) return;

    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}
