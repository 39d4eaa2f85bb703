import type { HttpError } from '../errors.js';
import { createProblem } from './problem.js';

/**
 * Builds the JSON body of an error response. The error boundary sends it as
 * `application/problem+json`; keep `type`, `title`, `status` and `code`.
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
