import { expect } from 'chai';
import { controller, createApplication, get, type ControllerClass } from '@portico/core';

import {
  allowAnonymous,
  AuthError,
  authorize,
  optionalAuth,
  requiresGroup,
  requiresRole,
  requiresScope,
  type AuthorizationPolicy,
} from '../src/index.js';
import { createTestIssuer, trustIssuer } from '../src/testing/index.js';
import { rejection, thrown } from './support/rejection.js';

class AllowAll implements AuthorizationPolicy {
  authorize(): boolean {
    return true;
  }
}

async function install(controllerClass: ControllerClass): Promise<unknown> {
  const issuer = await createTestIssuer();
  const auth = trustIssuer(issuer);
  return createApplication({ controllers: [controllerClass], use: [auth] });
}

describe('route policy markers at start-up', () => {
  const contradictions: { name: string; define: () => ControllerClass }[] = [
    {
      name: '@allowAnonymous and @requiresRole on one method',
      define: () => {
        @controller('/x')
        class X {
          @get('/') @allowAnonymous() @requiresRole('admin') route() {}
        }
        return X;
      },
    },
    {
      name: '@allowAnonymous and @authorize on one method',
      define: () => {
        @controller('/x')
        class X {
          @get('/') @allowAnonymous() @authorize(AllowAll) route() {}
        }
        return X;
      },
    },
    {
      name: '@allowAnonymous and @requiresScope on one class',
      define: () => {
        @controller('/x')
        @allowAnonymous()
        @requiresScope('read')
        class X {
          @get('/') route() {}
        }
        return X;
      },
    },
    {
      name: '@optionalAuth with @requiresGroup',
      define: () => {
        @controller('/x')
        class X {
          @get('/') @optionalAuth() @requiresGroup('staff') route() {}
        }
        return X;
      },
    },
  ];

  for (const { name, define } of contradictions) {
    it(`fails with ERR_AUTH_INVALID_DEFINITION for ${name}`, async () => {
      const error = await rejection(install(define()));

      expect(error).to.be.instanceOf(AuthError);
      expect((error as AuthError).code).to.equal('ERR_AUTH_INVALID_DEFINITION');
      expect((error as AuthError).message).to.include('GET /x');
    });
  }

  it('fails when @allowAnonymous and @optionalAuth mark one method', () => {
    const error = thrown(() => {
      @controller('/x')
      class X {
        @get('/') @allowAnonymous() @optionalAuth() route() {}
      }
      return X;
    });

    expect((error as Error).message).to.include('@allowAnonymous and @optionalAuth');
  });

  const emptyLists: { name: string; make: () => unknown }[] = [
    { name: '@requiresRole()', make: () => (requiresRole as (...a: string[]) => unknown)() },
    { name: '@requiresScope()', make: () => (requiresScope as (...a: string[]) => unknown)() },
    { name: "@requiresGroup('')", make: () => requiresGroup('') },
    { name: '@authorize()', make: () => (authorize as (...a: unknown[]) => unknown)() },
  ];

  for (const { name, make } of emptyLists) {
    it(`throws a TypeError for ${name}`, () => {
      expect(thrown(make)).to.be.instanceOf(TypeError);
    });
  }

  it('lets a method requirement lift a class-level @allowAnonymous', async () => {
    @controller('/x')
    @allowAnonymous()
    class X {
      @get('/') @requiresRole('admin') route() {}
    }

    const app = (await install(X)) as { routeTable: readonly Record<string, unknown>[] };

    expect(app.routeTable[0]).to.include({ auth: 'required' });
  });
});
