import { STATUS_CODES } from 'node:http';

import { HttpError, ValidationError, type FieldError } from '../errors.js';

/** The JSON body of every error response (RFC 9457 problem details). */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly errors?: readonly FieldError[];
}

/** The media type of error responses. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const INTERNAL_ERROR = new HttpError(500, 'ERR_CORE_INTERNAL', 'An unexpected error occurred.');

/**
 * Builds the problem document for `error`. Only an {@link HttpError} with
 * `expose` contributes its message; anything else becomes a generic 500.
 */
export function createProblem(error: unknown, requestId: string | undefined): ProblemDocument {
  const known = error instanceof HttpError ? error : INTERNAL_ERROR;
  const problem: ProblemDocument = {
    type: `urn:portico:problem:${known.code}`,
    title: STATUS_CODES[known.status] ?? 'Error',
    status: known.status,
    code: known.code,
    ...(known.expose ? { detail: known.message } : {}),
    ...(requestId === undefined ? {} : { requestId }),
    ...(known instanceof ValidationError ? { errors: known.errors } : {}),
  };

  return problem;
}
