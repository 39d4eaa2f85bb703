import type { FetchFunction } from '../../src/verification/fetch-json.js';

/** How the mock answers the next requests. */
export type MockMode = 'ok' | 'down' | 'hang';

/**
 * A `fetch` that serves JSON documents by URL from memory, counts requests
 * and can simulate an outage (500) or an endpoint that never answers (it
 * honours the abort signal, as a real fetch does).
 */
export class MockFetch {
  readonly documents = new Map<string, unknown>();
  readonly requested: string[] = [];
  mode: MockMode = 'ok';

  readonly fetch: FetchFunction = (url, init) => {
    this.requested.push(url.href);

    if (this.mode === 'hang') return waitForAbort(init.signal);

    if (this.mode === 'down') return Promise.resolve(new Response('down', { status: 500 }));

    const document = this.documents.get(url.href);
    const status = document === undefined ? 404 : 200;

    return Promise.resolve(new Response(JSON.stringify(document ?? {}), { status }));
  };

  /** Number of requests made so far. */
  get count(): number {
    return this.requested.length;
  }
}

function waitForAbort(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      reject(signal.reason as Error);
    });
  });
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public now: number = Date.UTC(2026, 0, 1)) {}

  readonly read = (): number => this.now;

  advance(ms: number): void {
    this.now += ms;
  }
}
