import { expect } from 'chai';
import { Container } from 'inversify';
import request from 'supertest';

import { controller, createApplication, get, LOGGER } from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';

@controller('/secure')
class SecureController {
  @get('/')
  read() {
    return { ok: true };
  }
}

async function createLoggedApp() {
  const logger = new CapturingLogger();
  const container = new Container();
  container.bind(LOGGER).toConstantValue(logger);
  const app = await createApplication({ controllers: [SecureController], container });
  return { app, logger };
}

describe('request context stage', () => {
  it('logs one debug line per request with its id, method, path and status', async () => {
    const { app, logger } = await createLoggedApp();

    await request(app.callback()).get('/secure').set('X-Request-Id', 'req-1');

    const completed = logger.lines.filter((line) => line.message === 'request completed');
    expect(completed).to.have.length(1);
    expect(completed[0]?.level).to.equal('debug');
    expect(completed[0]?.fields).to.deep.include({
      requestId: 'req-1',
      method: 'GET',
      path: '/secure',
      status: 200,
    });
  });

  it('logs the status the error boundary will send for a failed request', async () => {
    const { app, logger } = await createLoggedApp();

    await request(app.callback()).delete('/secure');

    const completed = logger.lines.find((line) => line.message === 'request completed');
    expect(completed?.fields['status']).to.equal(405);
  });

  it('never logs tokens, cookies or Authorization headers', async () => {
    const { app, logger } = await createLoggedApp();
    const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl';

    await request(app.callback())
      .get(`/secure?access_token=${secret}`)
      .set('Authorization', `Bearer ${secret}`)
      .set('Cookie', `session=${secret}`);
    await request(app.callback()).get(`/missing?access_token=${secret}`);

    expect(logger.serialise()).not.to.contain(secret);
  });

  it('echoes a plain caller request id and replaces an unsafe one', async () => {
    const { app } = await createLoggedApp();

    const plain = await request(app.callback()).get('/secure').set('X-Request-Id', 'abc-1');
    const unsafe = await request(app.callback()).get('/secure').set('X-Request-Id', 'a b<c>');

    expect(plain.headers['x-request-id']).to.equal('abc-1');
    expect(unsafe.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });
});
