/**
 * Every error code `@portico/core` can produce. Codes are public API: a code is
 * never renamed or reused. Retired codes move to {@link RETIRED_CORE_ERROR_CODES}.
 */
export const CORE_ERROR_CODES = {
  ERR_CORE_BAD_REQUEST: 'The request is malformed.',
  ERR_CORE_CLIENT_ERROR: 'The request cannot be served as sent.',
  ERR_CORE_VALIDATION: 'One or more request fields failed validation.',
  ERR_CORE_MALFORMED_JSON: 'The request body is not valid JSON.',
  ERR_CORE_UNAUTHORIZED: 'Authentication is required.',
  ERR_CORE_FORBIDDEN: 'The caller may not perform this action.',
  ERR_CORE_NOT_FOUND: 'No resource exists at this path.',
  ERR_CORE_METHOD_NOT_ALLOWED: 'The path exists but does not accept this method.',
  ERR_CORE_CONFLICT: 'The request conflicts with the current state of the resource.',
  ERR_CORE_PAYLOAD_TOO_LARGE: 'The request body is larger than the configured limit.',
  ERR_CORE_UNSUPPORTED_MEDIA_TYPE:
    'The request body has a content type this route does not accept.',
  ERR_CORE_INTERNAL: 'An unexpected error occurred.',
  ERR_CORE_SERVICE_UNAVAILABLE: 'The service is temporarily unavailable.',
  ERR_CORE_INVALID_DEFINITION: 'A controller, route or decorator is declared incorrectly.',
  ERR_CORE_DUPLICATE_ROUTE: 'Two routes answer the same method and path.',
  ERR_CORE_NO_REQUEST_CONTEXT: 'A request-bound value was read outside of a request.',
  ERR_CORE_SCOPE_LEAK: 'A request-scoped service was used outside the request that created it.',
} as const;

/** Codes that were once produced and never will be again. None yet. */
export const RETIRED_CORE_ERROR_CODES: Readonly<Record<string, string>> = {};

/** The union of every live core error code, for exhaustive `switch` statements. */
export type CoreErrorCode = keyof typeof CORE_ERROR_CODES;

/** Options accepted by every Portico error. */
export interface PorticoErrorOptions {
  /** The underlying error, kept for logs and never sent to clients. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by `@portico/core`.
 *
 * @example
 * ```ts
 * if (err instanceof CoreError && err.code === 'ERR_CORE_DUPLICATE_ROUTE') { … }
 * ```
 */
export class CoreError extends Error {
  /** A stable identifier for this kind of failure. */
  readonly code: string;

  constructor(code: string, message: string, options: PorticoErrorOptions = {}) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Options of an {@link HttpError}. */
export interface HttpErrorOptions extends PorticoErrorOptions {
  /** Whether `message` may be sent to the client. Defaults to `true` below 500. */
  readonly expose?: boolean;
  /** Response headers to set with the error, such as `Allow` or `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error that carries an HTTP status. The error boundary renders it as an
 * `application/problem+json` response with its `code`.
 *
 * @example
 * ```ts
 * throw new HttpError(409, 'ERR_CORE_CONFLICT', 'The note was changed meanwhile.');
 * ```
 */
export class HttpError extends CoreError {
  /** The HTTP status code, 400 to 599. */
  readonly status: number;
  /** Whether `message` may reach the client; never true for 5xx. */
  readonly expose: boolean;
  /** Headers sent with the error response. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, options: HttpErrorOptions = {}) {
    super(code, message, options);
    assertErrorStatus(status);
    this.status = status;
    this.expose = status < 500 && options.expose !== false;
    this.headers = options.headers ?? {};
  }
}

function assertErrorStatus(status: number): void {
  const isErrorStatus = Number.isInteger(status) && status >= 400 && status <= 599;

  if (!isErrorStatus) {
    throw new TypeError(`HttpError: "status" must be an integer from 400 to 599, got ${status}.`);
  }
}

/** 400: the request is malformed. */
export class BadRequestError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_BAD_REQUEST,
    options: HttpErrorOptions = {},
  ) {
    super(400, 'ERR_CORE_BAD_REQUEST', message, options);
  }
}

/** One field that failed validation. */
export interface FieldError {
  /** Where the field came from. */
  readonly location: 'body' | 'query' | 'path' | 'header' | 'cookie';
  /** Dotted path to the field inside its location, `''` for the whole value. */
  readonly path: string;
  /** What is wrong with it. */
  readonly message: string;
}

/** 400: input failed validation. `errors` lists every failing field. */
export class ValidationError extends HttpError {
  /** The fields that failed, in the order the validators reported them. */
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], options: HttpErrorOptions = {}) {
    super(400, 'ERR_CORE_VALIDATION', CORE_ERROR_CODES.ERR_CORE_VALIDATION, options);
    this.errors = Object.freeze([...errors]);
  }
}

/** 403: the caller is known but not allowed. */
export class ForbiddenError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_FORBIDDEN,
    options: HttpErrorOptions = {},
  ) {
    super(403, 'ERR_CORE_FORBIDDEN', message, options);
  }
}

/** 404: nothing exists at this path, or the caller may not know that it does. */
export class NotFoundError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_NOT_FOUND,
    options: HttpErrorOptions = {},
  ) {
    super(404, 'ERR_CORE_NOT_FOUND', message, options);
  }
}

/** 405: the path exists, the method does not. Sets the `Allow` header. */
export class MethodNotAllowedError extends HttpError {
  /** Methods the path accepts. */
  readonly allowedMethods: readonly string[];

  constructor(allowedMethods: readonly string[], options: HttpErrorOptions = {}) {
    const headers = { ...options.headers, Allow: allowedMethods.join(', ') };
    const message = CORE_ERROR_CODES.ERR_CORE_METHOD_NOT_ALLOWED;

    super(405, 'ERR_CORE_METHOD_NOT_ALLOWED', message, { ...options, headers });
    this.allowedMethods = Object.freeze([...allowedMethods]);
  }
}

/** 409: the request conflicts with the state of the resource. */
export class ConflictError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_CONFLICT,
    options: HttpErrorOptions = {},
  ) {
    super(409, 'ERR_CORE_CONFLICT', message, options);
  }
}

/** 413: the body is over the configured limit. */
export class PayloadTooLargeError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_PAYLOAD_TOO_LARGE,
    options: HttpErrorOptions = {},
  ) {
    super(413, 'ERR_CORE_PAYLOAD_TOO_LARGE', message, options);
  }
}

/** 415: the body's content type is not one the route accepts. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_UNSUPPORTED_MEDIA_TYPE,
    options: HttpErrorOptions = {},
  ) {
    super(415, 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE', message, options);
  }
}

/** 503: a dependency is down; the client may retry later. */
export class ServiceUnavailableError extends HttpError {
  constructor(
    message: string = CORE_ERROR_CODES.ERR_CORE_SERVICE_UNAVAILABLE,
    options: HttpErrorOptions = {},
  ) {
    super(503, 'ERR_CORE_SERVICE_UNAVAILABLE', message, options);
  }
}
