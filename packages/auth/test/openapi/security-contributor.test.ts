import { expect } from 'chai';
import { controller, createApplication, get, type RouteDefinition } from '@portico/core';

import { allowAnonymous, optionalAuth, requiresRole, requiresScope } from '../../src/index.js';
import { resolveRoutePolicy } from '../../src/route-policy.js';
import {
  createSecurityContributor,
  type OpenApiOperationLike,
} from '../../src/openapi/security-contributor.js';

@controller('/docs')
class DocsController {
  @get('/open') @allowAnonymous() open() {}
  @get('/maybe') @optionalAuth() maybe() {}
  @get('/closed') @requiresRole('admin') @requiresScope('notes:read', 'notes:write') closed() {}
}

async function describeRoutes(): Promise<Record<string, OpenApiOperationLike>> {
  const app = await createApplication({ controllers: [DocsController] });
  const policies = new Map(app.routes.map((route) => [route, resolveRoutePolicy(route)]));
  const contributor = createSecurityContributor(policies);
  const operations: Record<string, OpenApiOperationLike> = {};

  for (const route of app.routes as RouteDefinition[]) {
    const operation: OpenApiOperationLike = { responses: { '200': { description: 'OK' } } };
    contributor.operation(operation, route);
    operations[route.path] = operation;
  }

  return operations;
}

describe('createSecurityContributor', () => {
  it('marks anonymous routes with an empty security list', async () => {
    const operations = await describeRoutes();

    expect(operations['/docs/open']?.['security']).to.deep.equal([]);
    expect(operations['/docs/open']?.responses).not.to.have.property('401');
  });

  it('lets optional routes be called with or without a bearer token', async () => {
    const operations = await describeRoutes();

    expect(operations['/docs/maybe']?.['security']).to.deep.equal([{}, { bearerAuth: [] }]);
  });

  it('requires the bearer scheme with its scopes and documents 401 and 403', async () => {
    const operations = await describeRoutes();
    const closed = operations['/docs/closed'];

    expect(closed?.['security']).to.deep.equal([{ bearerAuth: ['notes:read', 'notes:write'] }]);
    expect(closed?.responses).to.have.keys('200', '401', '403');
    expect(closed?.responses['403']?.['description']).to.include('role admin');
  });

  it('adds the bearer security scheme to the document', () => {
    const document = { components: {} as Record<string, Record<string, unknown>> };

    createSecurityContributor(new Map()).document(document);

    expect(document.components['securitySchemes']).to.deep.equal({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
  });
});
