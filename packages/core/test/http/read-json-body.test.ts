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
