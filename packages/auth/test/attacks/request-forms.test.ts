import type { AddressInfo } from 'node:net';

import { expect } from 'chai';

import { asUser } from '../../src/testing/index.js';
import { createFixture, type Fixture } from '../support/fixture-app.js';
import { buildHead, sendRaw } from '../support/raw-http.js';

const ANONYMOUS_HANDLERS = new Set(['public', 'info']);

interface Outcome {
  readonly status: number | undefined;
  readonly ran: readonly string[];
}

describe('attacks: request forms on a raw socket', () => {
  let fixture: Fixture;
  let port: number;
  let authorization: string;

  before(async () => {
    fixture = await createFixture();
    const address: AddressInfo = await fixture.app.listen();
    port = address.port;
    authorization = await asUser(fixture.issuer, { sub: 'alice', roles: ['admin'] });
  });

  after(async () => {
    await fixture.app.close();
  });

  async function send(method: string, target: string, headers: string[]): Promise<Outcome> {
    const before = fixture.calls.names.length;
    const res = await sendRaw(port, buildHead(method, target, headers));
    return { status: res.status, ran: fixture.calls.names.slice(before) };
  }

  // [method, request target] exactly as sent on the wire.
  const forms: readonly (readonly [string, string])[] = [
    ['GET', '/api/data'],
    ['GET', '/api/public'],
    ['GET', '/api/data?x=1'],
    ['GET', '/api/data?/api/public'],
    ['GET', '/api/public?/../data'],
    ['GET', '/api/public?x=/api/data'],
    ['GET', '/api/%64ata'],
    ['GET', '/api/%70ublic'],
    ['GET', '/api%2Fdata'],
    ['GET', '/api%2fpublic'],
    ['GET', '/api/public%2F..%2Fdata'],
    ['GET', '//api/data'],
    ['GET', '/api//data'],
    ['GET', '//api/public'],
    ['GET', '/api/public/../data'],
    ['GET', '/api/./data'],
    ['GET', '/api/public/./../data'],
    ['GET', '/open/../api/data'],
    ['GET', '/api/%2e%2e/api/data'],
    ['GET', '/api/data;jsessionid=1'],
    ['GET', '/api/public;/../data'],
    ['GET', '/api/public;x=1'],
    ['GET', '/api/data/'],
    ['GET', '/api/public/'],
    ['GET', '/API/DATA'],
    ['GET', '/Api/Public'],
    ['GET', '/api/Data'],
    ['GET', 'http://x/api/data'],
    ['GET', 'http://x/api/public'],
    ['GET', 'http://x/api/public/../data'],
    ['GET', 'https://127.0.0.1/api/data'],
    ['HEAD', '/api/data'],
    ['HEAD', '/api/public'],
    ['OPTIONS', '/api/data'],
    ['OPTIONS', '*'],
    ['DELETE', '/api/data'],
    ['POST', '/api/public'],
    ['PROPFIND', '/api/data'],
    ['get', '/api/data'],
    ['GET', '/api/nothing-here'],
    ['GET', '/api/public%00'],
    ['GET', '/api/public#/../data'],
    ['GET', '/open/info'],
    ['GET', '/open/info/..;/../api/data'],
  ];

  for (const [method, target] of forms) {
    it(`agrees with dispatch for ${method} ${target}`, async () => {
      const withToken = await send(method, target, [`Authorization: ${authorization}`]);

      const withoutToken = await send(method, target, []);

      const dispatched = withToken.ran.length > 0;
      const anonymousOnly = withToken.ran.every((name) => ANONYMOUS_HANDLERS.has(name));
      expect(withoutToken.ran.every((name) => ANONYMOUS_HANDLERS.has(name))).to.equal(true);
      if (dispatched && anonymousOnly) expect(withoutToken.ran).to.deep.equal(withToken.ran);
      if (!dispatched || !anonymousOnly) expect(withoutToken.ran).to.deep.equal([]);
      if (withoutToken.ran.length === 0) expect(withoutToken.status).to.be.oneOf([400, 401]);
      if (withToken.status === 400) expect(withoutToken.status).to.equal(400);
    });
  }

  it('runs the protected handler for the canonical form with a token, so the table is meaningful', async () => {
    const outcome = await send('GET', '/api/data', [`Authorization: ${authorization}`]);

    expect(outcome).to.deep.equal({ status: 200, ran: ['data'] });
  });
});
