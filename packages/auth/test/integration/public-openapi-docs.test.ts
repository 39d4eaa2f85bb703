import { expect } from 'chai';
import { controller, createApplication, get, type PorticoApplication } from '@portico/core';
import request from 'supertest';

import { allowAnonymous } from '../../src/index.js';
import { createTestIssuer, trustIssuer } from '../../src/testing/index.js';

@controller('/notes')
class NotesController {
  @get('/')
  list() {
    return [];
  }
}

async function createDocumentedApp(openapiDecorators: ClassDecorator[]) {
  const issuer = await createTestIssuer();
  const auth = trustIssuer(issuer);
  const openapi = { title: 'Notes', version: '1', decorators: openapiDecorators };

  return createApplication({ controllers: [NotesController], openapi, use: [auth] });
}

async function statusesOf(app: PorticoApplication, paths: readonly string[]) {
  const agent = request(app.callback());
  const replies = await Promise.all(paths.map((path) => agent.get(path)));
  return replies.map((res) => res.status);
}

describe('the OpenAPI option with authentication', () => {
  it('serves the document and the docs page anonymously with decorators: [allowAnonymous()]', async () => {
    const app = await createDocumentedApp([allowAnonymous()]);

    const statuses = await statusesOf(app, ['/openapi.json', '/docs', '/notes']);

    expect(statuses).to.deep.equal([200, 200, 401]);
  });

  it('guards the document and the docs page like any route without decorators', async () => {
    const app = await createDocumentedApp([]);

    const statuses = await statusesOf(app, ['/openapi.json', '/docs']);

    expect(statuses).to.deep.equal([401, 401]);
  });
});
