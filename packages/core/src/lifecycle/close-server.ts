import type { Server } from 'node:http';

/**
 * Stops `server` gracefully: it accepts no new connections, idle keep-alive
 * connections close at once, in-flight requests may finish, and whatever is
 * still open after `timeoutMs` is destroyed.
 */
export async function closeServer(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  const force = setTimeout(() => {
    server.closeAllConnections();
  }, timeoutMs);

  server.closeIdleConnections();

  try {
    await closed;
  } finally {
    clearTimeout(force);
  }
}
