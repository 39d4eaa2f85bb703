import type { ServerResponse } from 'node:http';

/**
 * The responses a server is still writing, so that a graceful shutdown can
 * ask their clients not to reuse the connection. Costs one `Set` entry and
 * one listener per request.
 */
export class InFlightResponses {
  readonly #responses = new Set<ServerResponse>();

  /** Tracks `res` until it finishes or its connection closes. */
  add(res: ServerResponse): void {
    const remove = (): void => {
      this.#responses.delete(res);
    };

    this.#responses.add(res);
    // Node emits 'close' on every response, after 'finish' or on an abort.
    res.once('close', remove);
  }

  /**
   * Sends `Connection: close` on every response whose headers are not yet
   * out, and ends each tracked connection once its response has finished, so
   * a keep-alive client cannot send another request to a closing server.
   */
  closeAfterResponses(): void {
    for (const res of this.#responses) {
      if (!res.headersSent) res.setHeader('Connection', 'close');

      const socket = res.socket;
      res.once('finish', () => socket?.end());
    }
  }
}
