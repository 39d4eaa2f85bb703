import { readFileSync } from 'node:fs';

import { expect } from 'chai';

import {
  BadRequestError,
  ConflictError,
  CORE_ERROR_CODES,
  ForbiddenError,
  HttpError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RETIRED_CORE_ERROR_CODES,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../src/index.js';

const README = new URL('../../README.md', import.meta.url);

function readDocumentedCodes(): string[] {
  const text = readFileSync(README, 'utf8');
  return [...text.matchAll(/^\| `(ERR_CORE_[A-Z_]+)` +\|/gm)].map((match) => match[1] ?? '');
}

describe('CORE_ERROR_CODES', () => {
  it('documents every live code exactly once in the README table', () => {
    const documented = readDocumentedCodes();

    expect([...documented].sort()).to.deep.equal(Object.keys(CORE_ERROR_CODES).sort());
  });

  it('never reuses a retired code', () => {
    const reused = Object.keys(RETIRED_CORE_ERROR_CODES).filter((code) => code in CORE_ERROR_CODES);

    expect(reused).to.deep.equal([]);
  });

  it('prefixes every code with ERR_CORE_', () => {
    const unprefixed = Object.keys(CORE_ERROR_CODES).filter(
      (code) => !code.startsWith('ERR_CORE_'),
    );

    expect(unprefixed).to.deep.equal([]);
  });
});

describe('HttpError family', () => {
  const cases: readonly { error: HttpError; status: number; code: string }[] = [
    { error: new BadRequestError(), status: 400, code: 'ERR_CORE_BAD_REQUEST' },
    { error: new ValidationError([]), status: 400, code: 'ERR_CORE_VALIDATION' },
    { error: new ForbiddenError(), status: 403, code: 'ERR_CORE_FORBIDDEN' },
    { error: new NotFoundError(), status: 404, code: 'ERR_CORE_NOT_FOUND' },
    { error: new MethodNotAllowedError(['GET']), status: 405, code: 'ERR_CORE_METHOD_NOT_ALLOWED' },
    { error: new ConflictError(), status: 409, code: 'ERR_CORE_CONFLICT' },
    { error: new PayloadTooLargeError(), status: 413, code: 'ERR_CORE_PAYLOAD_TOO_LARGE' },
    {
      error: new UnsupportedMediaTypeError(),
      status: 415,
      code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE',
    },
    { error: new ServiceUnavailableError(), status: 503, code: 'ERR_CORE_SERVICE_UNAVAILABLE' },
  ];

  for (const each of cases) {
    it(`gives ${each.error.name} status ${each.status} and code ${each.code}`, () => {
      expect([each.error.status, each.error.code]).to.deep.equal([each.status, each.code]);
    });
  }

  it('never exposes the message of a 5xx error', () => {
    const error = new HttpError(500, 'ERR_CORE_INTERNAL', 'db password is hunter2', {
      expose: true,
    });

    expect(error.expose).to.equal(false);
  });

  it('refuses a status outside 400 to 599 with a TypeError', () => {
    expect(() => new HttpError(302, 'ERR_CORE_BAD_REQUEST', 'redirect')).to.throw(TypeError);
  });

  it('sets the Allow header of a 405', () => {
    const error = new MethodNotAllowedError(['GET', 'POST']);

    expect(error.headers).to.deep.equal({ Allow: 'GET, POST' });
  });
});
