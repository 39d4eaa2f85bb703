import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import request from 'supertest';

import {
  controller,
  createApplication,
  createMetadataDecorator,
  createMetadataKey,
  get,
} from '../../src/index.js';

@injectable()
class Clock {
  now(): string {
    return 'noon';
  }
}

@controller('/base')
class BaseController {
  constructor(@inject(Clock) protected readonly clock: Clock) {}

  @get('/time')
  time() {
    return { time: this.clock.now() };
  }
}

const LABEL = createMetadataKey<string>('test:label');

@controller('/decorated')
@createMetadataDecorator(LABEL, 'child')
class DecoratedSubclass extends BaseController {}

class PlainSubclass extends BaseController {}

describe('bindController', () => {
  it('lets a decorated subclass without a constructor inherit its base injections', async () => {
    const container = new Container();
    container.bind(Clock).toSelf();
    const app = await createApplication({ controllers: [DecoratedSubclass], container });

    const res = await request(app.callback()).get('/decorated/time');

    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ time: 'noon' });
  });

  it('lets an undecorated subclass inherit its base injections too', async () => {
    const container = new Container();
    container.bind(Clock).toSelf();
    const app = await createApplication({ controllers: [PlainSubclass], container });

    const res = await request(app.callback()).get('/base/time');

    expect(res.body).to.deep.equal({ time: 'noon' });
  });

  it('builds a new controller instance for each request', async () => {
    const container = new Container();
    container.bind(Clock).toSelf();
    await createApplication({ controllers: [BaseController], container });

    const first = container.get(BaseController);
    const second = container.get(BaseController);

    expect(first).to.not.equal(second);
  });

  it('keeps a binding the application made itself', async () => {
    const container = new Container();
    container.bind(Clock).toSelf();
    container.bind(BaseController).toSelf().inSingletonScope();
    await createApplication({ controllers: [BaseController], container });

    expect(container.get(BaseController)).to.equal(container.get(BaseController));
  });
});
