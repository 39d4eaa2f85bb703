import type { HttpError } from '../errors.js';
import { createProblem } from './problem.js';

/**
 * Builds the JSON body of an error response. The error boundary sends it as
 * `application/problem+json`; keep `type`, `title`, `status` and `code`.
 *
 * Below 500 the formatter receives the thrown {@link HttpError} itself (with
 * its `cause`, if any). For a 5xx it receives only a sanitized copy: the same
 * `status`, `code` and `headers`, a fixed message, no `cause` and no subclass;
 * the original error is logged with the request id instead. A formatter that
 * throws is logged at error level and the default problem is sent.
 */
export type ErrorFormatter = (
  error: HttpError,
  requestId: string | undefined,
) => Readonly<Record<string, unknown>>;

/**
 * Container token of the {@link ErrorFormatter}. Rebind it before
 * `createApplication` to add fields (a documentation link, a trace id).
 *
 * @example
 * ```ts
 * container.bind<ErrorFormatter>(ERROR_FORMATTER).toConstantValue((error, requestId) => ({
 *   ...defaultErrorFormatter(error, requestId),
 *   help: `https://docs.example.com/errors/${error.code}`,
 * }));
 * ```
 */
export const ERROR_FORMATTER = Symbol.for('portico:error-formatter');

/** The default {@link ErrorFormatter}: an RFC 9457 problem document. */
export const defaultErrorFormatter: ErrorFormatter = (error, requestId) => ({
  ...createProblem(error, requestId),
});
