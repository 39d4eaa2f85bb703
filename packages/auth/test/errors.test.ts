import { expect } from 'chai';

import { AUTH_ERROR_CODES, AuthError, RETIRED_AUTH_ERROR_CODES } from '../src/errors.js';

describe('AUTH_ERROR_CODES', () => {
  const codes = Object.keys(AUTH_ERROR_CODES);

  it('gives every code the ERR_AUTH_ prefix and a one-sentence description', () => {
    for (const code of codes) {
      expect(code).to.match(/^ERR_AUTH_[A-Z_]+$/);
      expect(AUTH_ERROR_CODES[code as keyof typeof AUTH_ERROR_CODES]).to.match(/^[A-Z].*\.$/);
    }
  });

  it('never reuses a retired code', () => {
    const reused = codes.filter((code) => Object.hasOwn(RETIRED_AUTH_ERROR_CODES, code));

    expect(reused).to.deep.equal([]);
  });

  it('documents every code in the package README', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');

    const missing = codes.filter((code) => !readme.includes(code));

    expect(missing).to.deep.equal([]);
  });

  it('maps token failures to 401, authorization to 403 and outages to 503', () => {
    const statuses = [
      'ERR_AUTH_TOKEN_EXPIRED',
      'ERR_AUTH_FORBIDDEN',
      'ERR_AUTH_KEYS_UNAVAILABLE',
    ].map((code) => new AuthError(code as keyof typeof AUTH_ERROR_CODES).status);

    expect(statuses).to.deep.equal([401, 403, 503]);
  });
});
