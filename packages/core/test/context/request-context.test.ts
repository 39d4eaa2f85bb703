import { EventEmitter } from 'node:events';

import { expect } from 'chai';
import { Container, injectable } from 'inversify';
import request from 'supertest';

import {
  bindRequestScoped,
  controller,
  CoreError,
  createApplication,
  get,
  RequestContext,
} from '../../src/index.js';
import { createDeferred, type Deferred } from '../support/deferred.js';

/** What a piece of work that outlived its request saw when it finally ran. */
interface LateRead {
  readonly tryCurrent: RequestContext | undefined;
  readonly currentError: unknown;
}

function readLate(): LateRead {
  const tryCurrent = RequestContext.tryCurrent();
  let currentError: unknown;

  try {
    RequestContext.current();
  } catch (error) {
    currentError = error;
  }

  return { tryCurrent, currentError };
}

@injectable()
class Basket {
  readonly items: string[] = [];
}

let gate: Deferred<void>;
let late: Deferred<LateRead>;
let lateUse: Deferred<unknown>;
let emitter: EventEmitter;
const container = new Container();
bindRequestScoped(container, Basket);

@controller('/late')
class LateWorkController {
  @get('/timer')
  timer() {
    // The timer may fire at any time; it reads only once the test lets it.
    setTimeout(() => {
      void gate.promise.then(() => {
        late.resolve(readLate());
      });
    }, 0);
    return { id: RequestContext.current().id };
  }

  @get('/emitter')
  listener() {
    emitter = new EventEmitter();
    emitter.on('later', () => {
      late.resolve(readLate());
    });
    return { id: RequestContext.current().id };
  }

  @get('/scope')
  scoped() {
    const basket = container.get(Basket);
    void gate.promise.then(() => {
      try {
        basket.items.push('late');
        lateUse.resolve(undefined);
      } catch (error) {
        lateUse.resolve(error);
      }
    });
    return { ok: true };
  }
}

describe('RequestContext after its request has ended (red-team round 2, finding 3)', () => {
  const app = createApplication({ controllers: [LateWorkController], container });

  beforeEach(() => {
    gate = createDeferred();
    late = createDeferred();
    lateUse = createDeferred();
  });

  it('shows a timer started in a request and firing after the response no current request', async () => {
    await request((await app).callback())
      .get('/late/timer')
      .expect(200);

    gate.resolve();
    const seen = await late.promise;

    expect(seen.tryCurrent).to.equal(undefined);
    expect(seen.currentError).to.be.instanceOf(CoreError);
    expect(seen.currentError).to.have.property('code', 'ERR_CORE_NO_REQUEST_CONTEXT');
  });

  it('shows a listener registered in a request and called after the response no current request', async () => {
    await request((await app).callback())
      .get('/late/emitter')
      .expect(200);

    emitter.emit('later');
    const seen = await late.promise;

    expect(seen.tryCurrent).to.equal(undefined);
    expect(seen.currentError).to.have.property('code', 'ERR_CORE_NO_REQUEST_CONTEXT');
  });

  it('refuses a request-scoped service used by work that outlived its request', async () => {
    await request((await app).callback())
      .get('/late/scope')
      .expect(200);

    gate.resolve();
    const error = await lateUse.promise;

    expect(error).to.be.instanceOf(CoreError).with.property('code', 'ERR_CORE_SCOPE_LEAK');
  });

  it('runs detached work outside of any request', () => {
    const context = new RequestContext('req-2', {} as never);

    const seen = RequestContext.run(context, () => RequestContext.detach(readLate));

    expect(seen.tryCurrent).to.equal(undefined);
  });

  it('reports a request as ended once the pipeline has finished with it', () => {
    const context = new RequestContext('req-1', {} as never);

    context.end();

    expect(context.ended).to.equal(true);
    expect(RequestContext.run(context, () => RequestContext.tryCurrent())).to.equal(undefined);
  });
});
