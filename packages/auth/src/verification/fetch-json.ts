/** A `fetch` implementation; the global one by default, a mock in tests. */
export type FetchFunction = (input: URL, init: RequestInit) => Promise<Response>;

/** Limits of one key-document request. */
export interface FetchJsonOptions {
  readonly fetch: FetchFunction;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/**
 * Fetches a JSON document (a JWKS or a discovery document) with a timeout, no
 * redirects and a response size cap, so a slow or hostile endpoint can neither
 * hang a request nor exhaust memory.
 *
 * @throws Error for a timeout, a non-2xx status, an oversized or non-JSON body
 */
export async function fetchJson(url: URL, options: FetchJsonOptions): Promise<unknown> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const init: RequestInit = { signal, redirect: 'error', headers: { accept: 'application/json' } };
  const response = await options.fetch(url, init);

  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Key document request answered ${response.status}.`);
  }

  const text = await readCapped(response, options.maxResponseBytes);

  return JSON.parse(text) as unknown;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');

  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error('Key document is larger than the response size cap.');
  }

  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();

  if (reader === undefined) return '';

  const chunks: Uint8Array[] = [];
  let total = 0;

  for (;;) {
    const { done, value } = await reader.read();

    if (done) break;

    total += value.byteLength;

    if (total > maxBytes) {
      await reader.cancel();
      throw new Error('Key document is larger than the response size cap.');
    }

    chunks.push(value);
  }

  return Buffer.concat(chunks).toString('utf8');
}
