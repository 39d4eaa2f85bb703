import { expect } from 'chai';
import type { JWTPayload } from 'jose';

import {
  authorize,
  requiresRole,
  SecurityContext,
  type AuthorizationPolicy,
} from '../../src/index.js';

class AllowAll implements AuthorizationPolicy {
  authorize(): boolean {
    return true;
  }
}

// Compiled, never called: the assertions are the @ts-expect-error lines.
function typeChecks(context: SecurityContext): void {
  // @ts-expect-error at least one role is required
  requiresRole();
  // @ts-expect-error roles are strings
  requiresRole(1);
  // @ts-expect-error at least one policy is required
  authorize();
  // @ts-expect-error a policy is a class with authorize()
  authorize(class NotAPolicy {});
  authorize(AllowAll);

  const claims: Readonly<JWTPayload> = context.claims;
  // @ts-expect-error claims are read-only
  claims.sub = 'mallory';
}

describe('decorator and context signatures', () => {
  it('type-checks (see the @ts-expect-error lines)', () => {
    expect(typeChecks).to.be.a('function');
  });
});
