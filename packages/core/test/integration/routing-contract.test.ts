import { expect } from 'chai';
import type { Middleware } from 'koa';
import request from 'supertest';

import {
  all,
  controller,
  createApplication,
  get,
  getRouteResolution,
  param,
  type ControllerClass,
  type RouteMatchingOptions,
} from '../../src/index.js';

/** Ways of declaring the same `GET /items/:id` route. */
function declareWithPrefix(): ControllerClass {
  @controller('/items')
  class ItemsController {
    @get('/:id')
    find(@param('id') id: string) {
      return { id };
    }
  }
  return ItemsController;
}

function declareWithoutPrefix(): ControllerClass {
  @controller()
  class ItemsController {
    @get('/items/:id')
    find(@param('id') id: string) {
      return { id };
    }
  }
  return ItemsController;
}

function declareWithSeveralPaths(): ControllerClass {
  @controller('/items')
  class ItemsController {
    @get(['/:id', '/by-id/:id'])
    find(@param('id') id: string) {
      return { id };
    }
  }
  return ItemsController;
}

function declareByInheritance(): ControllerClass {
  class BaseController {
    @get('/:id')
    find(@param('id') id: string) {
      return { id };
    }
  }

  @controller('/items')
  class ItemsController extends BaseController {}
  return ItemsController;
}

const STYLES: readonly (readonly [string, () => ControllerClass])[] = [
  ['a controller prefix', declareWithPrefix],
  ['a full method path', declareWithoutPrefix],
  ['several paths on one method', declareWithSeveralPaths],
  ['a route inherited from a base class', declareByInheritance],
];

interface Case {
  readonly name: string;
  readonly method: 'get' | 'head' | 'post';
  readonly path: string;
  readonly routing?: RouteMatchingOptions;
  readonly status: number;
  readonly id?: string;
}

const CASES: readonly Case[] = [
  { name: 'an exact path', method: 'get', path: '/items/7', status: 200, id: '7' },
  { name: 'a HEAD request', method: 'head', path: '/items/7', status: 200 },
  { name: 'a query string', method: 'get', path: '/items/7?x=1', status: 200, id: '7' },
  { name: 'a percent-encoded id', method: 'get', path: '/items/a%20b', status: 200, id: 'a b' },
  { name: 'a trailing slash (strict)', method: 'get', path: '/items/7/', status: 404 },
  { name: 'other letter case (sensitive)', method: 'get', path: '/ITEMS/7', status: 404 },
  { name: 'a wrong method', method: 'post', path: '/items/7', status: 405 },
  { name: 'an unknown path', method: 'get', path: '/nothing', status: 404 },
  {
    name: 'a trailing slash (lenient)',
    method: 'get',
    path: '/items/7/',
    routing: { strictTrailingSlash: false },
    status: 200,
    id: '7',
  },
  {
    name: 'other letter case (insensitive)',
    method: 'get',
    path: '/ITEMS/7',
    routing: { caseSensitive: false },
    status: 200,
    id: '7',
  },
];

describe('routing contract', () => {
  for (const [style, declare] of STYLES) {
    describe(`a route declared with ${style}`, () => {
      for (const each of CASES) {
        it(`answers ${each.name} with ${each.status}, agreeing with middleware`, async () => {
          const seen: string[] = [];
          const observe: Middleware = async (ctx, next) => {
            seen.push(getRouteResolution(ctx).kind);
            await next();
          };
          const app = await createApplication({
            controllers: [declare()],
            use: [observe],
            ...(each.routing === undefined ? {} : { routing: each.routing }),
          });

          const res = await request(app.callback())[each.method](each.path);

          expect(res.status).to.equal(each.status);
          if (each.id !== undefined) expect(res.body).to.deep.equal({ id: each.id });
          const expected = { 200: 'matched', 404: 'not-found', 405: 'method-not-allowed' };
          expect(seen).to.deep.equal([expected[each.status as 200 | 404 | 405]]);
        });
      }
    });
  }

  it('prefers a literal segment over a parameter', async () => {
    @controller('/users')
    class UsersController {
      @get('/:id')
      byId(@param('id') id: string) {
        return { id };
      }

      @get('/me')
      me() {
        return { id: 'me!' };
      }
    }
    const app = await createApplication({ controllers: [UsersController] });

    const res = await request(app.callback()).get('/users/me');

    expect(res.body).to.deep.equal({ id: 'me!' });
  });

  it('answers every method on an @all route', async () => {
    @controller('/any')
    class AnyController {
      @all('/')
      any() {
        return 'ok';
      }
    }
    const app = await createApplication({ controllers: [AnyController] });

    const statuses = await Promise.all(
      (['get', 'post', 'put', 'delete'] as const).map(
        async (method) => (await request(app.callback())[method]('/any')).status,
      ),
    );

    expect(statuses).to.deep.equal([200, 200, 200, 200]);
  });
});
