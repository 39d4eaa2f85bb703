import { expect } from 'chai';
import {
  controller,
  createApplication,
  get,
  OPENAPI_GENERATOR,
  type OpenApiDocument,
  type OpenApiGenerator,
  type OpenApiOperation,
} from '@portico/core';

import { allowAnonymous, optionalAuth, requiresRole, requiresScope } from '../../src/index.js';
import { createTestIssuer, trustIssuer } from '../../src/testing/index.js';

@controller('/docs')
class DocsController {
  @get('/open') @allowAnonymous() open() {}
  @get('/maybe') @optionalAuth() maybe() {}
  @get('/closed') @requiresRole('admin') @requiresScope('notes:read', 'notes:write') closed() {}
  @get('/stacked') @requiresScope('a', 'b') @requiresScope('c') stacked() {}
  @get('/twice') @requiresScope('a', 'b') @requiresScope('a', 'b') twice() {}
}

// The real generator of core, with auth installed as a plugin.
async function generateDocument(): Promise<OpenApiDocument> {
  const issuer = await createTestIssuer();
  const auth = trustIssuer(issuer);
  const app = await createApplication({ controllers: [DocsController], use: [auth] });
  const generator = app.container.get<OpenApiGenerator>(OPENAPI_GENERATOR);

  return generator.generate({ title: 'Docs', version: '1.0.0' });
}

function operation(document: OpenApiDocument, path: string): OpenApiOperation {
  const item = document.paths[path];
  return item?.['get'] as OpenApiOperation;
}

describe('auth in the OpenAPI document', () => {
  it('marks anonymous routes with an empty security list', async () => {
    const document = await generateDocument();

    const open = operation(document, '/docs/open');

    expect(open['security']).to.deep.equal([]);
    expect(open.responses).not.to.have.property('401');
  });

  it('lets optional routes be called with or without a bearer token', async () => {
    const document = await generateDocument();

    expect(operation(document, '/docs/maybe')['security']).to.deep.equal([{}, { bearerAuth: [] }]);
  });

  it('requires the bearer scheme with its scopes and documents 401 and 403', async () => {
    const document = await generateDocument();

    const closed = operation(document, '/docs/closed');

    // Either scope will do, so each is its own security requirement.
    expect(closed['security']).to.deep.equal([
      { bearerAuth: ['notes:read'] },
      { bearerAuth: ['notes:write'] },
    ]);
    expect(closed.responses).to.include.keys('401', '403');
    expect(closed.responses['403']?.['description']).to.include('role admin');
  });

  it('multiplies stacked scope requirements into every satisfying set', async () => {
    const document = await generateDocument();

    const stacked = operation(document, '/docs/stacked');

    expect(stacked['security']).to.deep.equal([
      { bearerAuth: ['a', 'c'] },
      { bearerAuth: ['b', 'c'] },
    ]);
  });

  it('lists each scope set once (final red-team pass, finding 6)', async () => {
    const document = await generateDocument();

    const twice = operation(document, '/docs/twice');

    expect(twice['security']).to.deep.equal([
      { bearerAuth: ['a'] },
      { bearerAuth: ['a', 'b'] },
      { bearerAuth: ['b'] },
    ]);
  });

  it('adds the bearer security scheme to the document', async () => {
    const document = await generateDocument();

    expect(document.components['securitySchemes']).to.deep.equal({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
  });
});
