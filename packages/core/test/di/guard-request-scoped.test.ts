import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import request from 'supertest';

import {
  bindRequestScoped,
  controller,
  createApplication,
  get,
  LOGGER,
  type Logger,
} from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';

let serial = 0;

@injectable()
class Basket {
  readonly #owner = `caller-${++serial}`;

  owner(): string {
    return this.#owner;
  }
}

@injectable()
class BasketReport {
  constructor(@inject(Basket) private readonly basket: Basket) {}

  describe(): string {
    return this.basket.owner();
  }
}

@controller('/basket')
class BasketController {
  constructor(
    @inject(Basket) private readonly basket: Basket,
    @inject(BasketReport) private readonly report: BasketReport,
  ) {}

  @get('/direct')
  direct() {
    return { owner: this.basket.owner(), isBasket: this.basket instanceof Basket };
  }

  @get('/report')
  viaSingleton() {
    return { owner: this.report.describe() };
  }
}

async function createBasketApp(logger: Logger) {
  const container = new Container();
  bindRequestScoped(container, Basket);
  // The mistake under test: a singleton that captures a request-scoped service.
  container.bind(BasketReport).toSelf().inSingletonScope();
  container.bind<Logger>(LOGGER).toConstantValue(logger);

  return createApplication({ controllers: [BasketController], container });
}

describe('request-scoped instances', () => {
  it('work inside their own request, private fields and instanceof included', async () => {
    const app = await createBasketApp(new CapturingLogger());

    const res = await request(app.callback()).get('/basket/direct');

    expect(res.status).to.equal(200);
    expect(res.body.isBasket).to.equal(true);
  });

  it('fail loudly instead of leaking into the next request through a singleton', async () => {
    const logger = new CapturingLogger();
    const app = await createBasketApp(logger);
    const server = app.callback();

    const first = await request(server).get('/basket/report');
    const second = await request(server).get('/basket/report');

    expect(first.status).to.equal(200);
    expect(second.status).to.equal(500);
    expect(second.body.code).to.equal('ERR_CORE_INTERNAL');
    expect(JSON.stringify(second.body)).to.not.include(first.body.owner as string);
    expect(logger.serialise()).to.include('used outside the request that created it');
  });
});
