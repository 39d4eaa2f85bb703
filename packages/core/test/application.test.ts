import { Agent, createServer, get as httpGet, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

import { PassThrough } from 'node:stream';

import { expect } from 'chai';
import type { Context } from 'koa';

import {
  controller,
  createApplication,
  ctx,
  ForbiddenError,
  get,
  type PorticoApplication,
  type PorticoPlugin,
} from '../src/index.js';
import { createDeferred, type Deferred } from './support/deferred.js';

let entered: Deferred<void>;
let release: Deferred<void>;

@controller('/jobs')
class WorkController {
  @get('/slow')
  async slow() {
    entered.resolve();
    await release.promise;
    return { done: true };
  }

  @get('/slow-forbidden')
  async slowForbidden() {
    entered.resolve();
    await release.promise;
    throw new ForbiddenError();
  }

  @get('/slow-broken')
  async slowBroken() {
    entered.resolve();
    await release.promise;
    throw new Error('broken');
  }

  @get('/streaming')
  streaming(@ctx() context: Context) {
    const body = new PassThrough();
    context.body = body;
    context.flushHeaders();
    entered.resolve();
    void release.promise.then(() => body.end('done'));
    return body;
  }
}

interface Reply {
  readonly status: number;
  readonly connection: string | undefined;
}

function send(address: AddressInfo, path: string, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = `http://127.0.0.1:${address.port}${path}`;
    httpGet(url, { agent }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
      });
    }).on('error', reject);
  });
}

describe('PorticoApplication lifecycle', () => {
  let app: PorticoApplication;
  let hookRuns: number;

  beforeEach(async () => {
    entered = createDeferred();
    release = createDeferred();
    hookRuns = 0;
    const plugin: PorticoPlugin = {
      name: 'hooks',
      install: (host) => {
        host.onClose(() => {
          hookRuns += 1;
        });
      },
    };
    app = await createApplication({ controllers: [WorkController], use: [plugin] });
  });

  afterEach(async () => {
    release.resolve();
    await app.close({ timeoutMs: 50 });
  });

  it('serves a server that was listening before the application was built', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    app.serve(server);
    release.resolve();

    const reply = await send(server.address() as AddressInfo, '/jobs/slow');
    await app.close();

    expect(reply.status).to.equal(200);
    expect(server.listening).to.equal(false);
  });

  it('refuses to serve a second server', async () => {
    await app.listen();

    const act = () => {
      app.serve(createServer());
    };

    expect(act).to.throw(TypeError, /already serves a server/);
  });

  it('sets request and header timeouts on the server it starts', async () => {
    await app.listen({ requestTimeoutMs: 12_000 });

    const server = app.server;

    expect([server?.requestTimeout, server?.headersTimeout]).to.deep.equal([12_000, 15_000]);
  });

  it('cuts a client that never finishes its headers within about a second of the limit', async () => {
    const address = await app.listen({ headersTimeoutMs: 500 });
    const socket = connect(address.port, '127.0.0.1');
    const started = performance.now();
    socket.write('GET /jobs/slow HTTP/1.1\r\nHost: x\r\n');

    const answer = await new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      socket.on('close', () => {
        resolve(received);
      });
    });

    expect(answer).to.match(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).to.be.below(5_000);
  });

  it('refuses a timeout that is not a positive whole number', async () => {
    const error = await app.listen({ headersTimeoutMs: -1 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).to.be.instanceOf(TypeError);
  });

  it('lets an in-flight request finish, then runs the shutdown hooks', async () => {
    const address = await app.listen();
    const reply = send(address, '/jobs/slow');
    await entered.promise;

    const closing = app.close();
    expect(app.isShuttingDown).to.equal(true);
    expect(hookRuns).to.equal(0);
    release.resolve();

    expect((await reply).status).to.equal(200);
    await closing;
    expect(hookRuns).to.equal(1);
  });

  it('asks the client of an in-flight request to close the connection', async () => {
    const address = await app.listen();
    const reply = send(address, '/jobs/slow');
    await entered.promise;

    const closing = app.close();
    release.resolve();

    expect((await reply).connection).to.equal('close');
    await closing;
  });

  it('answers an in-flight request of a keep-alive client with Connection: close', async () => {
    const agent = new Agent({ keepAlive: true });
    const address = await app.listen();
    const reply = send(address, '/jobs/slow', agent);
    await entered.promise;

    const closing = app.close({ timeoutMs: 60_000 });
    release.resolve();

    expect((await reply).connection).to.equal('close');
    await closing;
    agent.destroy();
  });

  for (const { path, status } of [
    { path: '/jobs/slow-forbidden', status: 403 },
    { path: '/jobs/slow-broken', status: 500 },
  ]) {
    it(`keeps Connection: close on an in-flight request that ends in ${status} during close (red-team round 2, finding 9)`, async () => {
      const agent = new Agent({ keepAlive: true });
      const address = await app.listen();
      const reply = send(address, path, agent);
      await entered.promise;

      const closing = app.close({ timeoutMs: 60_000 });
      release.resolve();

      expect(await reply).to.deep.equal({ status, connection: 'close' });
      await closing;
      agent.destroy();
    });
  }

  it('ends a keep-alive connection once a response already under way has finished', async () => {
    const agent = new Agent({ keepAlive: true });
    const address = await app.listen();
    const reply = send(address, '/jobs/streaming', agent);
    await entered.promise;

    const closing = app.close({ timeoutMs: 60_000 });
    release.resolve();

    expect((await reply).connection).to.equal('keep-alive');
    await closing;
    expect(app.server).to.equal(undefined);
    agent.destroy();
  });

  it('accepts no new connection once closing has begun', async () => {
    const address = await app.listen();
    const reply = send(address, '/jobs/slow');
    await entered.promise;
    const closing = app.close();

    const refused = await send(address, '/jobs/slow').then(
      () => undefined,
      (error: unknown) => (error as NodeJS.ErrnoException).code,
    );

    expect(refused).to.equal('ECONNREFUSED');
    release.resolve();
    await Promise.all([reply, closing]);
  });

  it('cuts requests still running after the timeout', async () => {
    const address = await app.listen();
    const reply = send(address, '/jobs/slow').then(
      () => 'answered',
      () => 'cut',
    );
    await entered.promise;

    await app.close({ timeoutMs: 20 });

    expect(await reply).to.equal('cut');
  });

  it('runs the shutdown hooks once when closed twice', async () => {
    await app.listen();

    await app.close();
    await app.close();

    expect(hookRuns).to.equal(1);
  });

  it('closes on SIGTERM once signals are enabled', async () => {
    await app.listen();
    const closed = new Promise<void>((resolve) => app.server?.once('close', resolve));
    app.enableShutdownSignals({ signals: ['SIGTERM'] });

    process.emit('SIGTERM');

    expect(app.isShuttingDown).to.equal(true);
    await closed;
  });

  it('removes its signal handlers when disabled', () => {
    const before = process.listenerCount('SIGINT');
    const disable = app.enableShutdownSignals({ signals: ['SIGINT'] });

    disable();

    expect(process.listenerCount('SIGINT')).to.equal(before);
  });
});
