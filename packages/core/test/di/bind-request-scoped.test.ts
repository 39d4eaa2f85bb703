import { expect } from 'chai';
import { Container, inject, injectable } from 'inversify';
import request from 'supertest';

import {
  bindRequestScoped,
  controller,
  createApplication,
  createParamDecorator,
  CoreError,
  get,
  REQUEST_CONTEXT,
  type RequestContextAccessor,
} from '../../src/index.js';
import { createDeferred } from '../support/deferred.js';

let created = 0;
const disposed: number[] = [];

@injectable()
class UnitOfWork {
  readonly serial = ++created;

  dispose(): void {
    disposed.push(this.serial);
  }
}

@injectable()
class Repository {
  constructor(@inject(UnitOfWork) readonly unit: UnitOfWork) {}
}

const container = new Container();
const unitOfWork = createParamDecorator(() => container.get(UnitOfWork));
const repository = createParamDecorator(() => container.get(Repository));
let gate = createDeferred();

@controller('/scope')
class ScopeController {
  @get('/shared')
  shared(@unitOfWork() unit: UnitOfWork, @repository() repo: Repository) {
    return { same: unit === repo.unit, serial: unit.serial };
  }

  @get('/unused')
  unused() {
    return { ok: true };
  }

  @get('/slow')
  async slow(@unitOfWork() unit: UnitOfWork) {
    await gate.promise;
    return { serial: unit.serial };
  }
}

@controller('/constructor')
class ConstructorInjectedController {
  constructor(@inject(UnitOfWork) private readonly unit: UnitOfWork) {}

  @get('/')
  serial() {
    return { serial: this.unit.serial };
  }
}

describe('bindRequestScoped', () => {
  bindRequestScoped(container, UnitOfWork);
  container.bind(Repository).toSelf();
  const controllers = [ScopeController, ConstructorInjectedController];
  const app = createApplication({ controllers, container });

  beforeEach(() => {
    created = 0;
    disposed.length = 0;
    gate = createDeferred();
  });

  it('shares one instance among everything that resolves it within a request', async () => {
    const res = await request((await app).callback()).get('/scope/shared');

    expect(res.body).to.deep.equal({ same: true, serial: 1 });
  });

  it('gives each request its own instance', async () => {
    const server = (await app).callback();

    const first = await request(server).get('/scope/shared');
    const second = await request(server).get('/scope/shared');

    expect([first.body.serial, second.body.serial]).to.deep.equal([1, 2]);
  });

  it('gives a controller a fresh request-scoped constructor dependency on each request', async () => {
    const server = (await app).callback();

    const first = await request(server).get('/constructor');
    const second = await request(server).get('/constructor');

    expect([first.body.serial, second.body.serial]).to.deep.equal([1, 2]);
  });

  it('creates nothing for a request that never asks', async () => {
    await request((await app).callback()).get('/scope/unused');

    expect(created).to.equal(0);
  });

  it('disposes the instance after the response', async () => {
    await request((await app).callback()).get('/scope/shared');

    expect(disposed).to.deep.equal([1]);
  });

  it('keeps two concurrent requests apart', async () => {
    const server = (await app).callback();
    const first = request(server)
      .get('/scope/slow')
      .then((res) => res.body as unknown);
    const second = request(server)
      .get('/scope/slow')
      .then((res) => res.body as unknown);

    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (created === 2) resolve();
        else setImmediate(check);
      };
      check();
    });
    expect(disposed).to.deep.equal([]);
    gate.resolve();

    const bodies = await Promise.all([first, second]);
    expect(bodies).to.have.deep.members([{ serial: 1 }, { serial: 2 }]);
    expect([...disposed].sort()).to.deep.equal([1, 2]);
  });

  it('throws ERR_CORE_NO_REQUEST_CONTEXT when resolved outside of a request', () => {
    const act = () => container.get(UnitOfWork);

    expect(act).to.throw(CoreError).with.property('code', 'ERR_CORE_NO_REQUEST_CONTEXT');
  });
});

describe('REQUEST_CONTEXT', () => {
  @injectable()
  class RequestIdReader {
    constructor(@inject(REQUEST_CONTEXT) private readonly request: RequestContextAccessor) {}

    read(): string {
      return this.request.current.id;
    }
  }

  @controller('/whoami')
  class WhoAmIController {
    constructor(@inject(RequestIdReader) private readonly reader: RequestIdReader) {}

    @get('/')
    read() {
      return { id: this.reader.read() };
    }
  }

  it('lets a singleton read the current request id on every request', async () => {
    const app = await createApplication({ controllers: [WhoAmIController] });
    app.container.bind(RequestIdReader).toSelf().inSingletonScope();

    const ids = await Promise.all(
      ['req-a', 'req-b'].map(async (id) => {
        const res = await request(app.callback()).get('/whoami').set('X-Request-Id', id);
        return res.body.id as string;
      }),
    );

    expect(ids).to.deep.equal(['req-a', 'req-b']);
  });

  it('reads undefined from tryCurrent outside of a request', async () => {
    const app = await createApplication({ controllers: [WhoAmIController] });

    const accessor = app.container.get<RequestContextAccessor>(REQUEST_CONTEXT);

    expect(accessor.tryCurrent).to.equal(undefined);
  });
});
