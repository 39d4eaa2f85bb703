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

describe('compareSpecificity with wildcards and parameters inside a segment', () => {
  const cases = [
    { literal: '/admin/panel', pattern: '/admin/p*rest' },
    { literal: '/reports/public-salaries', pattern: '/reports/public-*name' },
    { literal: '/t/:id/secret', pattern: '/t/x*rest' },
    { literal: '/files/readme', pattern: '/files/{*rest}' },
    { literal: '/items/x1', pattern: '/items/x:id' },
  ];

  for (const { literal, pattern } of cases) {
    it(`sorts ${literal} before ${pattern} in both orders (red-team round 2, finding 1)`, () => {
      const forward = [route('GET', pattern), route('GET', literal)].sort(compareSpecificity);
      const backward = [route('GET', literal), route('GET', pattern)].sort(compareSpecificity);

      expect(forward.map((each) => each.path)).to.deep.equal([literal, pattern]);
      expect(backward.map((each) => each.path)).to.deep.equal([literal, pattern]);
    });
  }

  it('treats an escaped star as a literal character', () => {
    const sorted = [route('GET', '/a/:id'), route('GET', '/a/b\\*c')].sort(compareSpecificity);

    expect(sorted.map((each) => each.path)).to.deep.equal(['/a/b\\*c', '/a/:id']);
  });
});

@controller('/files')
class FilesController {
  @get('/:name')
  byName() {
    return { handler: 'byName' };
  }

  @get('/:id.json')
  asJson() {
    return { handler: 'asJson' };
  }

  @get('/admin-:id')
  admin() {
    return { handler: 'admin' };
  }
}

describe('parameters with literal text around them (final red-team pass, finding 1)', () => {
  const cases = [
    { path: '/files/report.json', handler: 'asJson' },
    { path: '/files/admin-7', handler: 'admin' },
    { path: '/files/report', handler: 'byName' },
  ];

  for (const { path, handler } of cases) {
    it(`serves ${path} from the ${handler} route, before the bare parameter`, async () => {
      const app = await createApplication({ controllers: [FilesController] });

      const res = await request(app.callback()).get(path);

      expect(res.body).to.deep.equal({ handler });
    });
  }
});
