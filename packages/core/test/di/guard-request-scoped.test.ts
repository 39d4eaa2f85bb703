import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import request from 'supertest';

import {
  bindRequestScoped,
  controller,
  CoreError,
  createApplication,
  get,
  LOGGER,
  type Logger,
} from '../../src/index.js';
import { guardRequestScoped } from '../../src/di/guard-request-scoped.js';
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

class Cart {
  readonly #items: string[] = [];
  label = 'cart';

  add(item: string): this {
    this.#items.push(item);
    return this;
  }

  async reload(): Promise<this> {
    await Promise.resolve();
    return this;
  }

  count(): number {
    return this.#items.length;
  }
}

describe('guardRequestScoped bypasses (red-team round 2, finding 2)', () => {
  let active = true;
  const guard = () => guardRequestScoped(new Cart(), 'Cart', () => active);

  beforeEach(() => {
    active = true;
  });

  it('refuses a method reference taken inside the request and called after it', () => {
    const cart = guard();
    const add: unknown = Reflect.get(cart, 'add');
    active = false;

    const act = () => Reflect.apply(add as (item: string) => Cart, undefined, ['late']);

    expect(act).to.throw(CoreError).with.property('code', 'ERR_CORE_SCOPE_LEAK');
  });

  it('hands out the guarded proxy, not the instance, from a method returning this', () => {
    const cart = guard();

    const returned = cart.add('apple');

    expect(returned).to.equal(cart);
  });

  it('hands out the guarded proxy from an async method resolving to this', async () => {
    const cart = guard();

    const returned = await cart.reload();

    expect(returned).to.equal(cart);
  });

  it('keeps #private fields working through method wrappers', () => {
    const cart = guard();

    cart.add('apple').add('pear');

    expect(cart.count()).to.equal(2);
    expect(cart).to.be.instanceOf(Cart);
  });

  it('gives the same wrapper for one method each time it is read', () => {
    const cart = guard();

    const first: unknown = Reflect.get(cart, 'count');

    expect(Reflect.get(cart, 'count')).to.equal(first);
  });

  const reflections: readonly { readonly name: string; readonly act: (cart: Cart) => unknown }[] = [
    {
      name: 'Object.getOwnPropertyDescriptor',
      act: (cart) => Object.getOwnPropertyDescriptor(cart, 'label'),
    },
    { name: 'Object.keys', act: (cart) => Object.keys(cart) },
    { name: 'the in operator', act: (cart) => 'label' in cart },
    {
      name: 'Object.defineProperty',
      act: (cart) => Object.defineProperty(cart, 'label', { value: 'x' }),
    },
    { name: 'Object.preventExtensions', act: (cart) => Object.preventExtensions(cart) },
    { name: 'Object.entries', act: (cart) => Object.entries(cart) },
  ];

  for (const { name, act } of reflections) {
    it(`refuses ${name} after the request`, () => {
      const cart = guard();
      active = false;

      const attempt = () => act(cart);

      expect(attempt).to.throw(CoreError).with.property('code', 'ERR_CORE_SCOPE_LEAK');
    });
  }

  it('reports a function-valued property descriptor as a checked wrapper', () => {
    const cart = guard();
    Object.defineProperty(cart, 'later', { value: () => 1, configurable: true, writable: true });
    const later = Object.getOwnPropertyDescriptor(cart, 'later')?.value as () => number;
    active = false;

    expect(later).to.throw(CoreError).with.property('code', 'ERR_CORE_SCOPE_LEAK');
  });

  it('reports a frozen own property as it is, keeping proxy invariants', () => {
    const instance = Object.freeze({ compute: () => 42 });
    const guarded = guardRequestScoped(instance, 'Frozen', () => active);

    const compute = guarded.compute;

    expect(compute).to.equal(instance.compute);
  });
});
