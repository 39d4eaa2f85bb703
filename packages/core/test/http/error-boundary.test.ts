import { expect } from 'chai';
import { Container } from 'inversify';
import request from 'supertest';

import {
  controller,
  createApplication,
  ctx,
  defaultErrorFormatter,
  ERROR_FORMATTER,
  get,
  HttpError,
  LOGGER,
  NotFoundError,
  type ErrorFormatter,
} from '../../src/index.js';
import type { Context } from 'koa';

import { CapturingLogger } from '../support/capturing-logger.js';

@controller('/fail')
class FailingController {
  @get('/unexpected')
  unexpected() {
    throw new Error('database password hunter2 leaked');
  }

  @get('/unavailable')
  unavailable() {
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432');
    const headers = { 'Retry-After': '30' };
    throw new HttpError(503, 'ERR_APP_DATABASE_DOWN', 'db 10.0.0.7 down', { cause, headers });
  }

  @get('/late-known')
  lateKnown(@ctx() context: Context) {
    context.status = 200;
    context.flushHeaders();
    throw new HttpError(400, 'ERR_CORE_BAD_REQUEST', 'request aborted');
  }

  @get('/late-unexpected')
  lateUnexpected(@ctx() context: Context) {
    context.status = 200;
    context.flushHeaders();
    throw new Error('disk on fire');
  }

  @get('/throttled')
  throttled(@ctx() context: Context) {
    context.throw(429, 'Slow down.');
  }

  @get('/plain-object')
  plainObject() {
    // An upstream client's error object, not an Error.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw { status: 401, expose: true, message: 'upstream token expired for svc-account xyz' };
  }

  @get('/unknown-status')
  unknownStatus(@ctx() context: Context) {
    context.throw(499, 'made up');
  }

  @get('/known')
  known() {
    throw new NotFoundError('That note does not exist.');
  }
}

async function createFailingApp(setup: (container: Container) => void = () => undefined) {
  const logger = new CapturingLogger();
  const container = new Container();
  container.bind(LOGGER).toConstantValue(logger);
  setup(container);
  const app = await createApplication({ controllers: [FailingController], container });
  return { app, logger };
}

/** An app whose error formatter records what it was given, then formats as usual. */
async function createSpiedApp() {
  const seen: HttpError[] = [];
  const formatter: ErrorFormatter = (error, requestId) => {
    seen.push(error);
    return defaultErrorFormatter(error, requestId);
  };
  const { app } = await createFailingApp((container) => {
    container.bind(ERROR_FORMATTER).toConstantValue(formatter);
  });

  return { app, seen };
}

describe('error boundary', () => {
  it('answers an unexpected error with a generic 500 problem', async () => {
    const { app } = await createFailingApp();

    const res = await request(app.callback()).get('/fail/unexpected');

    expect(res.status).to.equal(500);
    expect(res.type).to.equal('application/problem+json');
    expect(res.body).to.deep.include({ status: 500, code: 'ERR_CORE_INTERNAL' });
    expect(res.text).not.to.contain('hunter2');
  });

  it('logs an unexpected error once at error level with the request id', async () => {
    const { app, logger } = await createFailingApp();

    await request(app.callback()).get('/fail/unexpected').set('X-Request-Id', 'r-500');

    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0]?.fields['requestId']).to.equal('r-500');
  });

  it('sends an exposed HttpError message as the detail without logging at error level', async () => {
    const { app, logger } = await createFailingApp();

    const res = await request(app.callback()).get('/fail/known');

    expect(res.body).to.deep.include({
      code: 'ERR_CORE_NOT_FOUND',
      detail: 'That note does not exist.',
    });
    expect(logger.lines.filter((line) => line.level === 'error')).to.deep.equal([]);
  });

  it('keeps the status of a Koa-thrown 4xx without a code of its own, not a 500', async () => {
    const { app, logger } = await createFailingApp();

    const res = await request(app.callback()).get('/fail/throttled');

    expect([res.status, res.body.code, res.body.detail]).to.deep.equal([
      429,
      'ERR_CORE_CLIENT_ERROR',
      'Slow down.',
    ]);
    expect(logger.lines.filter((line) => line.level === 'error')).to.deep.equal([]);
  });

  const untrusted = [
    { path: '/fail/plain-object', why: 'a thrown plain object with a status' },
    { path: '/fail/unknown-status', why: 'a status HTTP does not define' },
  ];

  for (const { path, why } of untrusted) {
    it(`answers ${why} with a generic 500 (final red-team pass, finding 2)`, async () => {
      const { app } = await createFailingApp();

      const res = await request(app.callback()).get(path);

      expect([res.status, res.body.code]).to.deep.equal([500, 'ERR_CORE_INTERNAL']);
      expect(JSON.stringify(res.body)).to.not.include('svc-account');
    });
  }

  it('uses a rebound ERROR_FORMATTER for the body', async () => {
    const formatter: ErrorFormatter = (error, requestId) => ({
      ...defaultErrorFormatter(error, requestId),
      help: `https://docs.example/${error.code}`,
    });
    const { app } = await createFailingApp((container) => {
      container.bind(ERROR_FORMATTER).toConstantValue(formatter);
    });

    const res = await request(app.callback()).get('/fail/known');

    expect(res.body.help).to.equal('https://docs.example/ERR_CORE_NOT_FOUND');
  });

  it('gives a custom formatter a sanitized error without cause for a 5xx', async () => {
    const seen: { error: HttpError; requestId: string | undefined }[] = [];
    const formatter: ErrorFormatter = (error, requestId) => {
      seen.push({ error, requestId });
      return defaultErrorFormatter(error, requestId);
    };
    const { app } = await createFailingApp((container) => {
      container.bind(ERROR_FORMATTER).toConstantValue(formatter);
    });

    await request(app.callback()).get('/fail/unexpected').set('X-Request-Id', 'r-5xx');

    const [call] = seen;
    expect(call?.requestId).to.equal('r-5xx');
    expect([call?.error.status, call?.error.code]).to.deep.equal([500, 'ERR_CORE_INTERNAL']);
    expect(call?.error.cause).to.equal(undefined);
    expect(call?.error.message).not.to.contain('hunter2');
  });

  it('hides the message and cause of a thrown 5xx HttpError from a custom formatter', async () => {
    const { app, seen } = await createSpiedApp();

    const res = await request(app.callback()).get('/fail/unavailable');

    expect([res.status, res.headers['retry-after']]).to.deep.equal([503, '30']);
    expect(seen[0]?.code).to.equal('ERR_APP_DATABASE_DOWN');
    expect(seen[0]?.cause).to.equal(undefined);
    expect(seen[0]?.message).not.to.contain('10.0.0.7');
  });

  it('gives a custom formatter the thrown HttpError itself below 500', async () => {
    const { app, seen } = await createSpiedApp();

    await request(app.callback()).get('/fail/known');

    expect(seen[0]).to.be.instanceOf(NotFoundError);
  });

  it('logs a failing custom formatter once at error level', async () => {
    const broken: ErrorFormatter = () => {
      throw new Error('formatter bug');
    };
    const { app, logger } = await createFailingApp((container) => {
      container.bind(ERROR_FORMATTER).toConstantValue(broken);
    });

    await request(app.callback()).get('/fail/known').set('X-Request-Id', 'r-fmt');

    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors.map((line) => line.message)).to.deep.equal(['error formatter failed']);
    expect(errors[0]?.fields['requestId']).to.equal('r-fmt');
  });

  it('falls back to the default problem when a custom formatter throws', async () => {
    const broken: ErrorFormatter = () => {
      throw new Error('formatter bug');
    };
    const { app } = await createFailingApp((container) => {
      container.bind(ERROR_FORMATTER).toConstantValue(broken);
    });

    const res = await request(app.callback()).get('/fail/known');

    expect([res.status, res.body.code]).to.deep.equal([404, 'ERR_CORE_NOT_FOUND']);
  });
});

describe('error boundary after the response started (red-team round 2, finding 7)', () => {
  it('logs a client that went away at debug level, without the error object', async () => {
    const { app, logger } = await createFailingApp();

    await request(app.callback()).get('/fail/late-known').set('X-Request-Id', 'r-gone');

    const late = logger.lines.filter((line) => line.message === 'client went away');
    expect(logger.lines.filter((line) => line.level === 'error')).to.deep.equal([]);
    expect(late).to.have.length(1);
    expect(late[0]?.level).to.equal('debug');
    expect(late[0]?.fields).to.deep.equal({ requestId: 'r-gone', status: 400 });
  });

  it('keeps logging a 5xx after the response started at error level with the error', async () => {
    const { app, logger } = await createFailingApp();

    await request(app.callback()).get('/fail/late-unexpected');

    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0]?.message).to.equal('error after response started');
    expect(errors[0]?.fields['err']).to.be.instanceOf(Error);
  });
});
