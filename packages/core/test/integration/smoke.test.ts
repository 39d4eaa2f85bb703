import { expect } from 'chai';
import { inject, injectable } from 'inversify';
import request from 'supertest';

import { controller, createApplication, get, param } from '../../src/index.js';

@injectable()
class Greeter {
  greet(name: string): string {
    return `hi ${name}`;
  }
}

@controller('/hello')
class HelloController {
  constructor(@inject(Greeter) private readonly greeter: Greeter) {}

  @get('/:name')
  hello(@param('name') name: string) {
    return { message: this.greeter.greet(name) };
  }
}

describe('smoke', () => {
  it('serves a route', async () => {
    const app = await createApplication({ controllers: [HelloController] });
    app.container.bind(Greeter).toSelf();

    const res = await request(app.callback()).get('/hello/bob');

    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ message: 'hi bob' });
  });
});
