import type { Context } from 'koa';

import {
  BadRequestError,
  HttpError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../errors.js';

/** The default body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Reads and parses a JSON request body of at most `limit` bytes.
 *
 * @returns the parsed value, or `undefined` when the request has no body
 * @throws HttpError 415 `ERR_CORE_UNSUPPORTED_MEDIA_TYPE` for a non-JSON body,
 *   413 `ERR_CORE_PAYLOAD_TOO_LARGE` over the limit, 400
 *   `ERR_CORE_MALFORMED_JSON` for invalid JSON
 */
export async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  if (!hasBody(ctx)) return undefined;

  assertIdentityEncoding(ctx);
  assertJsonContentType(ctx);
  assertDeclaredLength(ctx, limit);

  const text = await readText(ctx, limit);

  return parseJson(text);
}

function hasBody(ctx: Context): boolean {
  const headers = ctx.request.headers;
  const length = headers['content-length'];

  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function assertJsonContentType(ctx: Context): void {
  const type = ctx.request.type;
  const isJson = type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
  // Charset names are case-insensitive (RFC 2978): UTF-8 and utf-8 are one.
  const charset = ctx.request.charset.toLowerCase();

  if (!isJson || (charset !== '' && charset !== 'utf-8')) {
    throw new UnsupportedMediaTypeError('The request body must be application/json in UTF-8.');
  }
}

function assertIdentityEncoding(ctx: Context): void {
  const encoding = ctx.request.headers['content-encoding']?.trim();

  if (encoding === undefined || encoding === '' || encoding.toLowerCase() === 'identity') return;

  const shown = describeEncoding(encoding);
  const message = `Content-Encoding ${shown} is not supported; send the body uncompressed.`;
  throw new UnsupportedMediaTypeError(message);
}

const MAX_SHOWN_ENCODING = 32;

/** The client's header, echoed back: printable ASCII only, and short. */
function describeEncoding(encoding: string): string {
  const printable = encoding.replace(/[^\x20-\x7e]/g, '?');

  return printable.length > MAX_SHOWN_ENCODING
    ? `${printable.slice(0, MAX_SHOWN_ENCODING)}…`
    : printable;
}

function assertDeclaredLength(ctx: Context, limit: number): void {
  // Koa types `length` as a number, but it is undefined without Content-Length.
  const declared = ctx.request.length as number | undefined;

  if (declared !== undefined && declared > limit) {
    throw tooLarge(limit);
  }
}

function tooLarge(limit: number): HttpError {
  // The rest of the body is never read, so the connection cannot be reused.
  const headers = { Connection: 'close' };
  return new PayloadTooLargeError(`The request body exceeds ${limit} bytes.`, { headers });
}

async function readText(ctx: Context, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let received = 0;

  try {
    for await (const chunk of ctx.req) {
      const buffer = chunk as Buffer;
      received += buffer.length;

      if (received > limit) throw tooLarge(limit);

      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new BadRequestError('The request body could not be read.', { cause: error });
  }

  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = 'The request body is not valid JSON.';
    throw new HttpError(400, 'ERR_CORE_MALFORMED_JSON', message, { cause: error });
  }
}
