import { expect } from 'chai';
import request from 'supertest';

import { controller, createApplication, get } from '../../src/index.js';
import type { RouteDefinition } from '../../src/index.js';
import { compareSpecificity } from '../../src/routing/route-path.js';

function route(method: string, path: string): RouteDefinition {
  return { method, path } as RouteDefinition;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];

  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

describe('compareSpecificity', () => {
  const routes = [
    route('GET', '/users/:id'),
    route('GET', '/health'),
    route('GET', '/users/me'),
    route('GET', '/users/:id/notes'),
    route('GET', '/files/*path'),
    route('GET', '/files/readme'),
    route('ALL', '/users/me'),
    route('HEAD', '/users/me'),
  ];

  it('puts literals first in every declaration order (regression: red-team finding 2)', () => {
    const orders = permutations(routes.slice(0, 6)).map((order) =>
      [...order].sort(compareSpecificity).map((each) => each.path),
    );

    const violations = orders.filter(
      (paths) =>
        paths.indexOf('/users/me') > paths.indexOf('/users/:id') ||
        paths.indexOf('/files/readme') > paths.indexOf('/files/*path'),
    );

    expect(orders).to.have.length(720);
    expect(violations).to.deep.equal([]);
  });

  it('puts a literal segment before a parameter, even with unrelated routes in between', () => {
    const sorted = [routes[0]!, routes[1]!, routes[2]!].sort(compareSpecificity);

    const paths = sorted.map((each) => each.path);

    expect(paths.indexOf('/users/me')).to.be.below(paths.indexOf('/users/:id'));
  });

  it('puts an explicit HEAD before GET and ALL last on one path', () => {
    const sameShape = [routes[6]!, routes[2]!, routes[7]!].sort(compareSpecificity);

    expect(sameShape.map((each) => each.method)).to.deep.equal(['HEAD', 'GET', 'ALL']);
  });
});

@controller('/users')
class UsersController {
  @get('/:id')
  byId() {
    return { handler: 'byId' };
  }

  @get('/')
  list() {
    return { handler: 'list' };
  }

  @get('/me')
  me() {
    return { handler: 'me' };
  }
}

describe('route precedence in dispatch', () => {
  it('serves /users/me from the literal route whatever the declaration order', async () => {
    const app = await createApplication({ controllers: [UsersController] });

    const res = await request(app.callback()).get('/users/me');

    expect(res.body).to.deep.equal({ handler: 'me' });
  });
});
