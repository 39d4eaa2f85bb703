import { expect } from 'chai';
import request from 'supertest';

import {
  controller,
  CoreError,
  createApplication,
  del,
  get,
  LOGGER,
  post,
} from '../../src/index.js';
import { CapturingLogger } from '../support/capturing-logger.js';
import { Container } from 'inversify';

@controller('/notes')
class NotesController {
  @get(['/', '/all'])
  list() {
    return [];
  }

  @post('/')
  create() {
    return {};
  }

  @del('/:id')
  remove() {
    return undefined;
  }
}

describe('route table', () => {
  it('fails at startup naming both routes of a duplicate', async () => {
    @controller('/notes')
    class OtherNotesController {
      @get('/all')
      everything() {
        return [];
      }
    }

    const act = createApplication({ controllers: [NotesController, OtherNotesController] });

    const error = await act.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(CoreError);
    expect((error as CoreError).code).to.equal('ERR_CORE_DUPLICATE_ROUTE');
    expect((error as CoreError).message).to.contain('NotesController.list');
    expect((error as CoreError).message).to.contain('OtherNotesController.everything');
  });

  it('treats routes that differ only in parameter names as duplicates', async () => {
    @controller('/items')
    class ItemsController {
      @get('/:id')
      byId() {
        return {};
      }

      @get('/:name')
      byName() {
        return {};
      }
    }

    const error = await createApplication({ controllers: [ItemsController] }).then(
      () => undefined,
      (failure: unknown) => failure as CoreError,
    );

    expect(error?.code).to.equal('ERR_CORE_DUPLICATE_ROUTE');
  });

  it('fails at startup for a listed class without @controller', async () => {
    class Undecorated {}

    const error = await createApplication({ controllers: [Undecorated] }).then(
      () => undefined,
      (failure: unknown) => failure as CoreError,
    );

    expect(error?.code).to.equal('ERR_CORE_INVALID_DEFINITION');
  });

  it('lists every route as data, one row per method and path', async () => {
    const app = await createApplication({ controllers: [NotesController] });

    const rows = app.routeTable.map(({ method, path, handler }) => `${method} ${path} ${handler}`);

    expect(rows.sort()).to.deep.equal([
      'DELETE /notes/:id NotesController.remove',
      'GET /notes NotesController.list',
      'GET /notes/all NotesController.list',
      'POST /notes NotesController.create',
    ]);
  });

  it('logs the route table once at info level on startup', async () => {
    const logger = new CapturingLogger();
    const container = new Container();
    container.bind(LOGGER).toConstantValue(logger);

    const app = await createApplication({ controllers: [NotesController], container });

    const lines = logger.lines.filter((line) => line.message === 'route table');
    expect(lines.map((line) => line.level)).to.deep.equal(['info']);
    expect(lines[0]?.fields).to.deep.equal({ routes: app.routeTable });
  });

  it('answers an unknown path with 404 ERR_CORE_NOT_FOUND', async () => {
    const app = await createApplication({ controllers: [NotesController] });

    const res = await request(app.callback()).get('/nothing');

    expect([res.status, res.body.code]).to.deep.equal([404, 'ERR_CORE_NOT_FOUND']);
  });

  it('answers a known path with a wrong method with 405 and an Allow header', async () => {
    const app = await createApplication({ controllers: [NotesController] });

    const res = await request(app.callback()).put('/notes');

    expect([res.status, res.body.code]).to.deep.equal([405, 'ERR_CORE_METHOD_NOT_ALLOWED']);
    expect(res.headers['allow']?.split(', ').sort()).to.deep.equal(['GET', 'HEAD', 'POST']);
  });
});
