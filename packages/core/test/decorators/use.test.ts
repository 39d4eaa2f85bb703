import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import type { Context, Middleware, Next } from 'koa';
import request from 'supertest';

import {
  bindRequestScoped,
  controller,
  createApplication,
  createParamDecorator,
  get,
  use,
  type MiddlewareClass,
} from '../../src/index.js';

function record(trail: string[], name: string): Middleware {
  return async (_ctx, next) => {
    trail.push(name);
    await next();
  };
}

describe('@use', () => {
  it('runs class middleware before method middleware, each in written order', async () => {
    const trail: string[] = [];

    @use(record(trail, 'class-1'), record(trail, 'class-2'))
    @controller('/things')
    class ThingsController {
      @use(record(trail, 'method-1'))
      @use(record(trail, 'method-2'))
      @get('/')
      list() {
        trail.push('handler');
        return [];
      }
    }
    const app = await createApplication({ controllers: [ThingsController] });

    await request(app.callback()).get('/things');

    expect(trail).to.deep.equal(['class-1', 'class-2', 'method-1', 'method-2', 'handler']);
  });

  it('runs base class middleware before subclass middleware on inherited routes', async () => {
    const trail: string[] = [];

    @use(record(trail, 'base'))
    class BaseController {
      @use(record(trail, 'base-method'))
      @get('/')
      list() {
        trail.push('handler');
        return [];
      }
    }

    @use(record(trail, 'sub'))
    @controller('/sub')
    class SubController extends BaseController {}
    const app = await createApplication({ controllers: [SubController] });

    await request(app.callback()).get('/sub');

    expect(trail).to.deep.equal(['base', 'sub', 'base-method', 'handler']);
  });

  it('does not add a subclass middleware to its base class routes', async () => {
    const trail: string[] = [];

    @controller('/base')
    class BaseController {
      @get('/')
      list() {
        return [];
      }
    }

    @use(record(trail, 'sub'))
    @controller('/sub')
    class SubController extends BaseController {}
    const app = await createApplication({ controllers: [BaseController, SubController] });

    await request(app.callback()).get('/base');

    expect(trail).to.deep.equal([]);
  });

  it('resolves a middleware class from the container on every request', async () => {
    @injectable()
    class Counter {
      value = 0;
    }

    @injectable()
    class CountingMiddleware implements MiddlewareClass {
      constructor(@inject(Counter) private readonly counter: Counter) {}

      async use(ctx: Context, next: Next) {
        this.counter.value += 1;
        ctx.set('X-Count', String(this.counter.value));
        await next();
      }
    }

    @controller('/count')
    class CountController {
      @use(CountingMiddleware)
      @get('/')
      read() {
        return 'ok';
      }
    }
    const app = await createApplication({ controllers: [CountController] });
    app.container.bind(Counter).toSelf().inSingletonScope();

    await request(app.callback()).get('/count');
    const res = await request(app.callback()).get('/count');

    expect(res.headers['x-count']).to.equal('2');
  });

  it('gives a middleware class the request-scoped instances of its request', async () => {
    @injectable()
    class Tenant {
      name = '';
    }

    @injectable()
    class TenantMiddleware implements MiddlewareClass {
      constructor(@inject(Tenant) private readonly tenant: Tenant) {}

      async use(ctx: Context, next: Next) {
        this.tenant.name = ctx.get('X-Tenant');
        await next();
      }
    }

    const container = new Container();
    const tenantName = createParamDecorator(() => container.get(Tenant).name);

    @controller('/tenant')
    class TenantController {
      @use(TenantMiddleware)
      @get('/')
      read(@tenantName() name: string) {
        return { name };
      }
    }
    bindRequestScoped(container, Tenant);
    const app = await createApplication({ controllers: [TenantController], container });

    const res = await request(app.callback()).get('/tenant').set('X-Tenant', 'acme');

    expect(res.body).to.deep.equal({ name: 'acme' });
  });

  it('lets route middleware answer without calling the handler', async () => {
    let handled = false;
    const deny: Middleware = (ctx) => {
      ctx.status = 418;
    };

    @controller('/teapot')
    class TeapotController {
      @use(deny)
      @get('/')
      brew() {
        handled = true;
        return 'coffee';
      }
    }
    const app = await createApplication({ controllers: [TeapotController] });

    const res = await request(app.callback()).get('/teapot');

    expect(res.status).to.equal(418);
    expect(handled).to.equal(false);
  });

  it('rejects an argument that is not a function', () => {
    const act = () => use('nope' as unknown as Middleware);

    expect(act).to.throw(TypeError, /@use/);
  });
});
