import type { Server } from 'node:http';

/** Server timeouts in milliseconds; see `node:http` `Server`. */
export interface ServerTimeouts {
  /** Longest time to receive a whole request. Default 30 000. */
  readonly requestTimeoutMs?: number;
  /** Longest time to receive the request headers. Default 15 000. */
  readonly headersTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open. Default 5 000. */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * Applies `timeouts` to `server`. The defaults bound how long a slow client
 * can hold a connection (slowloris) while leaving room for ordinary uploads.
 *
 * @throws TypeError when a timeout is not a positive whole number
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts = {}): void {
  server.requestTimeout = checkTimeout('requestTimeoutMs', timeouts.requestTimeoutMs ?? 30_000);
  server.headersTimeout = checkTimeout('headersTimeoutMs', timeouts.headersTimeoutMs ?? 15_000);
  server.keepAliveTimeout = checkTimeout(
    'keepAliveTimeoutMs',
    timeouts.keepAliveTimeoutMs ?? 5_000,
  );
}

function checkTimeout(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`listen: "${name}" must be a positive whole number of milliseconds.`);
  }

  return value;
}
