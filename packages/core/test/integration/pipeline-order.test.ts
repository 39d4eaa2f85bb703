import { expect } from 'chai';
import type { Middleware } from 'koa';
import request from 'supertest';

import {
  controller,
  createApplication,
  get,
  getRouteResolution,
  RequestContext,
  use,
  type PorticoPlugin,
} from '../../src/index.js';

describe('request pipeline order', () => {
  it('runs context, resolution, app middleware, plugins, route middleware, then the handler', async () => {
    const trail: string[] = [];
    const observe =
      (name: string): Middleware =>
      async (ctx, next) => {
        const hasContext = RequestContext.tryCurrent() !== undefined;
        const hasRoute = getRouteResolution(ctx).kind === 'matched';
        trail.push(`${name}:${hasContext}:${hasRoute}`);
        await next();
      };
    const plugin: PorticoPlugin = {
      name: 'p',
      install: (host) => {
        host.use(observe('plugin'));
      },
    };

    @use(observe('route-class'))
    @controller('/order')
    class OrderController {
      @use(observe('route-method'))
      @get('/')
      run() {
        trail.push('handler');
        throw new Error('boom');
      }
    }
    const app = await createApplication({
      controllers: [OrderController],
      use: [observe('app-1'), plugin, observe('app-2')],
    });

    const res = await request(app.callback()).get('/order');

    expect(trail).to.deep.equal([
      'app-1:true:true',
      'plugin:true:true',
      'app-2:true:true',
      'route-class:true:true',
      'route-method:true:true',
      'handler',
    ]);
    expect([res.status, res.type]).to.deep.equal([500, 'application/problem+json']);
  });

  it('runs application middleware before answering an unknown path with 404', async () => {
    const trail: string[] = [];

    @controller('/order')
    class OrderController {
      @get('/')
      run() {
        return 'ok';
      }
    }
    const seen: Middleware = async (ctx, next) => {
      trail.push(getRouteResolution(ctx).kind);
      await next();
    };
    const app = await createApplication({ controllers: [OrderController], use: [seen] });

    const res = await request(app.callback()).get('/missing');

    expect(trail).to.deep.equal(['not-found']);
    expect(res.status).to.equal(404);
  });
});
