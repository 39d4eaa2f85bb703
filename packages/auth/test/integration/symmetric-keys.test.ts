import { randomBytes } from 'node:crypto';

import { expect } from 'chai';
import { SignJWT } from 'jose';
import { controller, createApplication, get, type PorticoApplication } from '@portico/core';
import request from 'supertest';

import { authentication } from '../../src/index.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'hmac-api';

@controller('/hmac')
class HmacController {
  @get('/')
  read() {
    return { ok: true };
  }
}

function sign(secret: Uint8Array, alg: string): Promise<string> {
  return new SignJWT({ sub: 'alice' })
    .setProtectedHeader({ alg })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('5m')
    .sign(secret);
}

describe('HMAC secrets (opt-in)', () => {
  const secret = randomBytes(32);
  let app: PorticoApplication;

  before(async () => {
    const auth = authentication({
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256', 'HS512'],
      allowSymmetric: true,
      keys: { secret },
    });
    app = await createApplication({ controllers: [HmacController], use: [auth] });
  });

  const cases = [
    { name: 'accepts HS256 with the secret', make: () => sign(secret, 'HS256'), status: 200 },
    { name: 'accepts HS512 with the secret', make: () => sign(secret, 'HS512'), status: 200 },
    {
      name: 'rejects HS384, outside the allow-list',
      make: () => sign(secret, 'HS384'),
      status: 401,
    },
    {
      name: 'rejects a token signed with another secret',
      make: () => sign(randomBytes(32), 'HS256'),
      status: 401,
    },
  ];

  for (const { name, make, status } of cases) {
    it(`${name} (twice, so the imported key is reused)`, async () => {
      const token = await make();
      const call = () =>
        request(app.callback()).get('/hmac').set('Authorization', `Bearer ${token}`);

      const statuses = [(await call()).status, (await call()).status];

      expect(statuses).to.deep.equal([status, status]);
    });
  }
});
