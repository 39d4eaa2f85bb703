import type { Server } from 'node:http';

import type { InFlightResponses } from './in-flight-responses.js';

/**
 * Stops `server` gracefully: it accepts no new connections, idle keep-alive
 * connections close at once, in-flight requests may finish (answered with
 * `Connection: close` where their headers are not yet sent, their connections
 * ended afterwards), and whatever is still open after `timeoutMs` is destroyed.
 */
export async function closeServer(
  server: Server,
  timeoutMs: number,
  inFlight?: InFlightResponses,
): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  const force = setTimeout(() => {
    server.closeAllConnections();
  }, timeoutMs);

  inFlight?.closeAfterResponses();
  server.closeIdleConnections();

  try {
    await closed;
  } finally {
    clearTimeout(force);
  }
}
