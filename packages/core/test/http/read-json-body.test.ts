import { expect } from 'chai';
import request from 'supertest';

import { body, controller, createApplication, post } from '../../src/index.js';

@controller('/echo')
class EchoController {
  @post('/')
  echo(@body() input: unknown) {
    return { input: input ?? null };
  }
}

describe('JSON request bodies', () => {
  const app = createApplication({ controllers: [EchoController], bodyLimit: 64 });

  const cases = [
    {
      name: 'malformed JSON with 400 ERR_CORE_MALFORMED_JSON',
      send: (test: request.Test) => test.set('Content-Type', 'application/json').send('{"a":'),
      status: 400,
      code: 'ERR_CORE_MALFORMED_JSON',
    },
    {
      name: 'a body over the limit with 413 ERR_CORE_PAYLOAD_TOO_LARGE',
      send: (test: request.Test) => test.send({ text: 'x'.repeat(100) }),
      status: 413,
      code: 'ERR_CORE_PAYLOAD_TOO_LARGE',
    },
    {
      name: 'a text body with 415 ERR_CORE_UNSUPPORTED_MEDIA_TYPE',
      send: (test: request.Test) => test.set('Content-Type', 'text/plain').send('hello'),
      status: 415,
      code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE',
    },
  ];

  for (const each of cases) {
    it(`rejects ${each.name}`, async () => {
      const test = request((await app).callback()).post('/echo');

      const res = await each.send(test);

      expect(res.status).to.equal(each.status);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal(each.code);
    });
  }

  for (const type of ['application/json; charset=UTF-8', 'application/json; charset=utf-8']) {
    it(`accepts ${type} whatever the letter case of the charset`, async () => {
      const test = request((await app).callback()).post('/echo');

      const res = await test.set('Content-Type', type).send('{"a":1}');

      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ input: { a: 1 } });
    });
  }

  const encodings = [
    { sent: 'gzip', shown: 'gzip' },
    { sent: 'GZIP, br', shown: 'GZIP, br' },
    { sent: 'x'.repeat(40), shown: `${'x'.repeat(32)}…` },
    { sent: 'gz\u00e9ip', shown: 'gz??ip' },
  ];

  for (const each of encodings) {
    it(`rejects a body with Content-Encoding ${each.shown} with a 415 that names it`, async () => {
      const test = request((await app).callback()).post('/echo');

      const res = await test
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', each.sent)
        .send('{}');

      expect([res.status, res.body.code]).to.deep.equal([415, 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE']);
      expect(res.body.detail).to.equal(
        `Content-Encoding ${each.shown} is not supported; send the body uncompressed.`,
      );
    });
  }

  it('accepts a body with Content-Encoding identity', async () => {
    const res = await request((await app).callback())
      .post('/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'identity')
      .send('{"a":1}');

    expect(res.body).to.deep.equal({ input: { a: 1 } });
  });

  it('binds undefined when the request has no body', async () => {
    const res = await request((await app).callback()).post('/echo');

    expect(res.body).to.deep.equal({ input: null });
  });

  it('uses a 1 MiB limit by default', async () => {
    const defaults = await createApplication({ controllers: [EchoController] });
    const big = { text: 'x'.repeat(1024 * 1024) };

    const res = await request(defaults.callback()).post('/echo').send(big);

    expect(res.status).to.equal(413);
  });
});
