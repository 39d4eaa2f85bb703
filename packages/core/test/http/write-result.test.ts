import { Readable } from 'node:stream';

import { expect } from 'chai';
import request from 'supertest';

import {
  controller,
  createApplication,
  get,
  httpCode,
  HttpResponse,
  post,
  responseHeader,
} from '../../src/index.js';

@controller('/out')
class OutputController {
  @get('/json')
  json() {
    return { a: 1 };
  }

  @post('/nothing')
  nothing() {
    return undefined;
  }

  @get('/text')
  text() {
    return 'plain words';
  }

  @get('/buffer')
  buffer() {
    return Buffer.from([1, 2, 3]);
  }

  @get('/stream')
  stream() {
    return Readable.from(['a', 'b']);
  }

  @httpCode(201)
  @responseHeader('X-Kind', 'created')
  @post('/created')
  created() {
    return { id: 1 };
  }

  @httpCode(201)
  @post('/response')
  response() {
    return new HttpResponse({ id: 2 }, { status: 202, headers: { Location: '/out/2' } });
  }
}

describe('writing handler results', () => {
  const app = createApplication({ controllers: [OutputController] });

  it('sends an object as JSON with 200', async () => {
    const res = await request((await app).callback()).get('/out/json');

    expect([res.status, res.type, res.body]).to.deep.equal([200, 'application/json', { a: 1 }]);
  });

  it('answers 204 with no body when the handler returns undefined', async () => {
    const res = await request((await app).callback()).post('/out/nothing');

    expect([res.status, res.text]).to.deep.equal([204, '']);
  });

  it('passes a string through as text', async () => {
    const res = await request((await app).callback()).get('/out/text');

    expect([res.type, res.text]).to.deep.equal(['text/plain', 'plain words']);
  });

  it('passes a buffer through as binary', async () => {
    const res = await request((await app).callback()).get('/out/buffer');

    expect(res.type).to.equal('application/octet-stream');
    expect([...(res.body as Buffer)]).to.deep.equal([1, 2, 3]);
  });

  it('streams a readable', async () => {
    const res = await request((await app).callback())
      .get('/out/stream')
      .buffer(true);

    expect((res.body as Buffer).toString('utf8')).to.equal('ab');
  });

  it('applies @httpCode and @responseHeader', async () => {
    const res = await request((await app).callback()).post('/out/created');

    expect([res.status, res.headers['x-kind']]).to.deep.equal([201, 'created']);
  });

  it('lets a returned HttpResponse override the declared status', async () => {
    const res = await request((await app).callback()).post('/out/response');

    expect([res.status, res.headers['location']]).to.deep.equal([202, '/out/2']);
  });
});
