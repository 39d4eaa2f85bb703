import { expect } from 'chai';

import { controller, createApplication, get, post } from '../../src/index.js';

@controller('/a')
class CrossedController {
  @get('/:x/b')
  first() {
    return { route: 'first' };
  }

  @get('/c/:y')
  second() {
    return { route: 'second' };
  }
}

@controller('/a')
class NestedController {
  @get('/c/:y')
  specific() {
    return {};
  }

  @get('/:x/:y')
  general() {
    return {};
  }

  @post('/:x/b')
  otherMethod() {
    return {};
  }

  @get('/d/:y/e')
  longer() {
    return {};
  }
}

function startupError(controllers: (new () => object)[]): Promise<unknown> {
  return createApplication({ controllers }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('ambiguous routes', () => {
  it('refuse to start when neither of two overlapping routes is more specific', async () => {
    const error = await startupError([CrossedController]);

    expect(error).to.have.property('code', 'ERR_CORE_DUPLICATE_ROUTE');
    expect((error as Error).message)
      .to.include('GET /a/:x/b')
      .and.include('GET /a/c/:y');
  });

  it('start when one route is more specific in every differing segment', async () => {
    const error = await startupError([NestedController]);

    expect(error).to.equal(undefined);
  });
});
