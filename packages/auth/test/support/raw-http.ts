import { connect } from 'node:net';

/** The status of a raw HTTP exchange, or `undefined` if the server closed without one. */
export interface RawResponse {
  readonly status: number | undefined;
  readonly text: string;
}

/**
 * Sends `head` byte for byte (request line and headers, CRLF-separated) to
 * 127.0.0.1:`port` and reads until the server closes the connection. No
 * client library normalizes the request target on the way.
 */
export function sendRaw(port: number, head: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];

    socket.setTimeout(5000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : undefined, text });
    });
    // No half-close: Node's server drops a pending async response when the client sends FIN.
    socket.write(head, 'latin1');
  });
}

/** Builds a request head: `METHOD target HTTP/1.1`, Host, Connection: close, extra headers. */
export function buildHead(method: string, target: string, headers: readonly string[] = []): string {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...headers,
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
