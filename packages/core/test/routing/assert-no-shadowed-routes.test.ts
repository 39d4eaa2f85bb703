import { expect } from 'chai';
import request from 'supertest';

import { controller, CoreError, createApplication, get } from '../../src/index.js';
import type { ControllerClass, RouteDefinition } from '../../src/index.js';
import { assertNoShadowedRoutes } from '../../src/routing/assert-no-shadowed-routes.js';
import { RouteMatcher } from '../../src/routing/route-matcher.js';

class Handlers {}

function route(method: string, path: string, handlerName: string): RouteDefinition {
  const controller = Handlers as ControllerClass;
  return { id: `${method} ${path}`, method, path, controller, handlerName } as RouteDefinition;
}

/** Builds a controller with a public wildcard route and a secret literal one, in a given order. */
function buildController(
  prefix: string,
  wildcard: string,
  literal: string,
  wildcardFirst: boolean,
) {
  @controller(prefix)
  class WildcardFirst {
    @get(wildcard)
    wildcard() {
      return { handler: 'wildcard' };
    }

    @get(literal)
    literal() {
      return { handler: 'literal' };
    }
  }

  @controller(prefix)
  class LiteralFirst {
    @get(literal)
    literal() {
      return { handler: 'literal' };
    }

    @get(wildcard)
    wildcard() {
      return { handler: 'wildcard' };
    }
  }

  return wildcardFirst ? WildcardFirst : LiteralFirst;
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (failure: unknown) => failure,
  );
}

describe('assertNoShadowedRoutes', () => {
  it('throws ERR_CORE_DUPLICATE_ROUTE naming both routes when a wildcard is tried before a literal', () => {
    const shadowed = route('GET', '/admin/panel', 'panel');
    const winner = route('GET', '/admin/p*rest', 'files');
    const routes = [winner, shadowed];

    const act = () => {
      assertNoShadowedRoutes(routes, new RouteMatcher(routes));
    };

    expect(act).to.throw(CoreError).with.property('code', 'ERR_CORE_DUPLICATE_ROUTE');
    expect(act).to.throw(/GET \/admin\/panel \(Handlers\.panel\).*GET \/admin\/p\*rest/);
  });

  it('resolves an ALL route with GET and accepts it when it reaches itself', () => {
    const routes = [route('ALL', '/health', 'health'), route('GET', '/:id', 'byId')];

    const act = () => {
      assertNoShadowedRoutes(routes, new RouteMatcher(routes));
    };

    expect(act).not.to.throw();
  });

  it('skips routes with parameters, which no single request path represents', () => {
    const routes = [route('GET', '/x*rest', 'rest'), route('GET', '/:id', 'byId')];

    const act = () => {
      assertNoShadowedRoutes(routes, new RouteMatcher(routes));
    };

    expect(act).not.to.throw();
  });
});

describe('wildcards inside a segment (red-team round 2, finding 1)', () => {
  const cases = [
    { prefix: '/admin', wildcard: '/p*rest', literal: '/panel', probe: '/admin/panel' },
    {
      prefix: '/reports',
      wildcard: '/public-*name',
      literal: '/public-salaries',
      probe: '/reports/public-salaries',
    },
    { prefix: '/t', wildcard: '/x*rest', literal: '/:id/secret', probe: '/t/x1/secret' },
  ];

  for (const { prefix, wildcard, literal, probe } of cases) {
    for (const wildcardFirst of [true, false]) {
      const order = wildcardFirst ? 'declared first' : 'declared last';

      it(`never lets ${prefix}${wildcard} (${order}) silently answer ${probe}`, async () => {
        const controllerClass = buildController(prefix, wildcard, literal, wildcardFirst);

        const outcome = await settle(createApplication({ controllers: [controllerClass] }));

        if (outcome instanceof Error) {
          expect(outcome)
            .to.be.instanceOf(CoreError)
            .with.property('code', 'ERR_CORE_DUPLICATE_ROUTE');
          return;
        }
        const app = outcome as Awaited<ReturnType<typeof createApplication>>;
        const res = await request(app.callback()).get(probe);
        expect(res.body).to.deep.equal({ handler: 'literal' });
      });
    }
  }
});
