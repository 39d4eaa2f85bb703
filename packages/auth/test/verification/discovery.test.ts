import { expect } from 'chai';

import { createDiscoveryLocator } from '../../src/verification/discovery.js';
import { MockFetch } from '../support/mock-fetch.js';
import { rejection } from '../support/rejection.js';

const ISSUER = 'https://issuer.test';
const DOCUMENT_URL = `${ISSUER}/.well-known/openid-configuration`;

describe('createDiscoveryLocator', () => {
  let mock: MockFetch;

  beforeEach(() => {
    mock = new MockFetch();
  });

  function locate() {
    const limits = { fetch: mock.fetch, timeoutMs: 1000, maxResponseBytes: 65_536 };
    return createDiscoveryLocator(ISSUER, limits);
  }

  it('returns the jwks_uri of a document naming the configured issuer, fetched once', async () => {
    mock.documents.set(DOCUMENT_URL, { issuer: ISSUER, jwks_uri: `${ISSUER}/keys` });
    const locator = locate();

    const first = await locator();
    const second = await locator();

    expect(first.href).to.equal(`${ISSUER}/keys`);
    expect(second.href).to.equal(`${ISSUER}/keys`);
    expect(mock.requested).to.deep.equal([DOCUMENT_URL]);
  });

  const badDocuments: { name: string; document: unknown; message: string }[] = [
    {
      name: 'another issuer',
      document: { issuer: 'https://evil.test', jwks_uri: `${ISSUER}/keys` },
      message: 'different issuer',
    },
    {
      name: 'an issuer differing by a trailing slash',
      document: { issuer: `${ISSUER}/`, jwks_uri: `${ISSUER}/keys` },
      message: 'different issuer',
    },
    { name: 'no jwks_uri', document: { issuer: ISSUER }, message: 'jwks_uri' },
    {
      name: 'a plain http jwks_uri off loopback',
      document: { issuer: ISSUER, jwks_uri: 'http://keys.test/jwks' },
      message: 'neither https nor loopback',
    },
  ];

  for (const { name, document, message } of badDocuments) {
    it(`refuses a discovery document with ${name}`, async () => {
      mock.documents.set(DOCUMENT_URL, document);

      const error = await rejection(locate()());

      expect((error as Error).message).to.include(message);
    });
  }
});
