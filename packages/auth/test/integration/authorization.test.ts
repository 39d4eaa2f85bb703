import { expect } from 'chai';
import request from 'supertest';

import { ROLE_RESOLVER, type RoleResolver } from '../../src/index.js';
import { asUser } from '../../src/testing/index.js';
import { createPolicyFixture, type PolicyFixture } from '../support/policy-app.js';

describe('authorization', () => {
  let fixture: PolicyFixture;

  beforeEach(async () => {
    fixture = await createPolicyFixture();
  });

  async function call(path: string, claims: Record<string, unknown> | undefined) {
    const test = request(fixture.app.callback()).get(path);
    return claims === undefined
      ? test
      : test.set('Authorization', await asUser(fixture.issuer, claims));
  }

  const user = { sub: 'alice', roles: ['user'] };

  describe('@authorize', () => {
    it('runs the handler when the async ownership policy allows', async () => {
      const res = await call('/policy/documents/doc-1', user);

      expect(res.status).to.equal(200);
      expect(fixture.calls.names).to.deep.equal(['document']);
    });

    it('answers 403 insufficient_scope when the policy returns false', async () => {
      const res = await call('/policy/documents/doc-1', { ...user, sub: 'bob' });

      expect(res.status).to.equal(403);
      expect(res.body.code).to.equal('ERR_AUTH_FORBIDDEN');
      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="api", error="insufficient_scope"',
      );
      expect(fixture.calls.count).to.equal(0);
    });

    it('requires every listed policy to allow', async () => {
      const denied = await call('/policy/both', { ...user, email_verified: true });

      expect(denied.status).to.equal(403);
      expect(fixture.calls.count).to.equal(0);
    });

    it('still enforces the class role before the policy', async () => {
      const res = await call('/policy/documents/doc-1', { sub: 'alice', roles: [] });

      expect(res.status).to.equal(403);
      expect(fixture.calls.count).to.equal(0);
    });
  });

  describe('scopes', () => {
    it('accepts any one alternative of each stacked @requiresScope', async () => {
      const res = await call('/policy/scoped', { ...user, scope: 'notes:admin notes:write' });

      expect(res.status).to.equal(200);
    });

    it('reads the scp claim as an array too', async () => {
      const res = await call('/policy/scoped', { ...user, scp: ['notes:read', 'notes:write'] });

      expect(res.status).to.equal(200);
    });

    it('answers 403 naming the required scopes when one stacked requirement fails', async () => {
      const res = await call('/policy/scoped', { ...user, scope: 'notes:read' });

      expect(res.status).to.equal(403);
      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="api", error="insufficient_scope", scope="notes:write notes:read notes:admin"',
      );
      expect(fixture.calls.count).to.equal(0);
    });
  });

  describe('roles and groups', () => {
    it('requires a method @requiresRole on top of the class one (red-team finding 3)', async () => {
      const adminOnly = await call('/policy/admin-only', { sub: 'root', roles: ['admin'] });
      const userOnly = await call('/policy/admin-only', user);
      const both = await call('/policy/admin-only', { sub: 'root', roles: ['admin', 'user'] });

      expect([adminOnly.status, userOnly.status, both.status]).to.deep.equal([403, 403, 200]);
    });

    it('requires the group on top of the class role', async () => {
      const member = await call('/policy/group', { ...user, groups: ['staff'] });
      const outsider = await call('/policy/group', { ...user, groups: ['guests'] });

      expect([member.status, outsider.status]).to.deep.equal([200, 403]);
    });

    it('uses a custom async RoleResolver bound in the container', async () => {
      const resolver: RoleResolver = {
        resolveRoles: async (claims) => {
          await Promise.resolve();
          return claims.sub === 'carol' ? ['user', 'admin'] : [];
        },
      };
      fixture = await createPolicyFixture({}, (container) => {
        container.bind(ROLE_RESOLVER).toConstantValue(resolver);
      });

      const res = await call('/policy/admin-only', { sub: 'carol' });

      expect(res.status).to.equal(200);
    });
  });

  describe('principal and claims parameters', () => {
    it('binds the verified caller and claims to handler parameters', async () => {
      const res = await call('/policy/principal', user);

      expect(res.body).to.deep.equal({ sub: 'alice', claimSub: 'alice', roles: ['user'] });
    });
  });

  describe('errors thrown inside handlers', () => {
    it('maps SecurityContext.requireRole failing to 403', async () => {
      const res = await call('/policy/require-in-handler', user);

      expect(res.status).to.equal(403);
      expect(res.body.code).to.equal('ERR_AUTH_FORBIDDEN');
      expect(res.headers['www-authenticate']).to.equal(
        'Bearer realm="api", error="insufficient_scope"',
      );
    });

    it('maps requireAuthenticated for an anonymous caller to 401 with a Bearer challenge', async () => {
      const res = await call('/maybe/optional', undefined);

      expect(res.status).to.equal(401);
      expect(res.body.code).to.equal('ERR_AUTH_TOKEN_MISSING');
      expect(res.headers['www-authenticate']).to.equal('Bearer');
    });

    it('fills the context on an @optionalAuth route when a valid token is sent', async () => {
      const res = await call('/maybe/optional', user);

      expect(res.body).to.deep.equal({ sub: 'alice' });
    });

    it('rejects an invalid token on an @optionalAuth route with 401', async () => {
      const res = await request(fixture.app.callback())
        .get('/maybe/optional')
        .set('Authorization', 'Bearer a.b.c');

      expect(res.status).to.equal(401);
      expect(fixture.calls.count).to.equal(0);
    });
  });

  describe('route table', () => {
    it('describes each route auth mode, requirements and policies', () => {
      const row = fixture.app.routeTable.find((each) => each.path === '/policy/documents/:id');

      expect(row).to.include({ auth: 'required' });
      expect(row?.['roles']).to.deep.equal(['user']);
      expect(row?.['authorize']).to.deep.equal(['OwnsDocument']);
    });
  });
});
