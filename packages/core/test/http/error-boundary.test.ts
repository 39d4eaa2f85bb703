import { expect } from 'chai';
import { Container } from 'inversify';
import request from 'supertest';

import {
  controller,
  createApplication,
  defaultErrorFormatter,
  ERROR_FORMATTER,
  get,
  LOGGER,
  NotFoundError,
  type ErrorFormatter,
} from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';

@controller('/fail')
class FailingController {
  @get('/unexpected')
  unexpected() {
    throw new Error('database password hunter2 leaked');
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
