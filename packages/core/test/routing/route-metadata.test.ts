import { expect } from 'chai';

import {
  controller,
  createApplication,
  createMetadataDecorator,
  createMetadataKey,
  get,
  type RouteDefinition,
} from '../../src/index.js';

const TAG = createMetadataKey<string>('test:tag');
const tag = (value: string) => createMetadataDecorator(TAG, value);

function findRoute(routes: readonly RouteDefinition[], path: string): RouteDefinition {
  const route = routes.find((each) => each.path === path);
  if (route === undefined) throw new Error(`no route ${path}`);
  return route;
}

describe('route metadata and inheritance', () => {
  @tag('base')
  class BaseController {
    @get('/list')
    list() {
      return [];
    }

    @tag('base-method')
    @get('/one')
    one() {
      return {};
    }
  }

  @controller('/first')
  class FirstController extends BaseController {}

  @tag('second')
  @controller('/second')
  class SecondController extends BaseController {
    @tag('second-method')
    @get('/extra')
    extra() {
      return {};
    }
  }

  @controller('/base')
  class PlainBaseController extends BaseController {}

  const app = createApplication({
    controllers: [FirstController, SecondController, PlainBaseController],
  });

  it('gives a subclass the routes of its base class under its own prefix', async () => {
    const paths = (await app).routes.map((each) => each.path).filter((p) => p.startsWith('/first'));

    expect(paths.sort()).to.deep.equal(['/first/list', '/first/one']);
  });

  it('gives a subclass the class metadata of its base class', async () => {
    const route = findRoute((await app).routes, '/first/list');

    expect(route.metadata.get(TAG)).to.equal('base');
  });

  it('lets a subclass decorator override the base class value for its own routes', async () => {
    const route = findRoute((await app).routes, '/second/list');

    expect(route.metadata.get(TAG)).to.equal('second');
  });

  it('never changes the base class or a sibling through a subclass decorator', async () => {
    const routes = (await app).routes;

    const values = ['/first/list', '/base/list'].map((p) => findRoute(routes, p).metadata.get(TAG));

    expect(values).to.deep.equal(['base', 'base']);
  });

  it('never adds a subclass route to its base class or a sibling', async () => {
    const paths = (await app).routes.map((each) => each.path);

    expect(paths.filter((p) => p.endsWith('/extra'))).to.deep.equal(['/second/extra']);
  });

  it('lets method metadata override class metadata', async () => {
    const route = findRoute((await app).routes, '/second/one');

    expect(route.metadata.get(TAG)).to.equal('base-method');
  });

  it('refuses the same non-combinable key twice on one method', () => {
    const act = () => {
      class Twice {
        @tag('a')
        @tag('b')
        run() {
          return undefined;
        }
      }
      return Twice;
    };

    expect(act).to.throw(TypeError, /test:tag/);
  });
});
