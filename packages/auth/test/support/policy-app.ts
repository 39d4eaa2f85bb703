import { setTimeout as delay } from 'node:timers/promises';

import { Container, inject, injectable } from 'inversify';
import type { JWTPayload } from 'jose';
import { controller, createApplication, get, type PorticoApplication } from '@portico/core';

import {
  authentication,
  authorize,
  claims,
  optionalAuth,
  principal,
  requiresGroup,
  requiresRole,
  requiresScope,
  SecurityContext,
  type AuthenticationOptions,
  type AuthorizationPolicy,
  type AuthorizationRequest,
} from '../../src/index.js';
import { createTestIssuer, type TestIssuer } from '../../src/testing/index.js';
import { HandlerCalls } from './fixture-app.js';

/** Who owns which document, for the ownership policy. */
export class DocumentOwners {
  readonly owners = new Map<string, string>([['doc-1', 'alice']]);
}

/** Allows only the owner of the `:id` document; looks it up asynchronously. */
@injectable()
export class OwnsDocument implements AuthorizationPolicy {
  constructor(@inject(DocumentOwners) private readonly documents: DocumentOwners) {}

  async authorize({ claims: caller, params }: AuthorizationRequest): Promise<boolean> {
    await delay(1);
    return this.documents.owners.get(params['id'] ?? '') === caller.sub;
  }
}

/** Allows callers whose token says `email_verified: true`. */
@injectable()
export class VerifiedEmail implements AuthorizationPolicy {
  authorize({ claims: caller }: AuthorizationRequest): boolean {
    return caller['email_verified'] === true;
  }
}

@controller('/policy')
@requiresRole('user')
export class PolicyController {
  constructor(
    @inject(HandlerCalls) private readonly calls: HandlerCalls,
    @inject(SecurityContext) private readonly security: SecurityContext,
  ) {}

  @get('/documents/:id')
  @authorize(OwnsDocument)
  document() {
    this.calls.record('document');
    return { ok: true };
  }

  @get('/both')
  @authorize(OwnsDocument, VerifiedEmail)
  both() {
    this.calls.record('both');
    return { ok: true };
  }

  @get('/scoped')
  @requiresScope('notes:read', 'notes:admin')
  @requiresScope('notes:write')
  scoped() {
    this.calls.record('scoped');
    return { ok: true };
  }

  @get('/admin-only')
  @requiresRole('admin')
  adminOnly() {
    this.calls.record('admin-only');
    return { ok: true };
  }

  @get('/group')
  @requiresGroup('staff')
  group() {
    this.calls.record('group');
    return { ok: true };
  }

  @get('/principal')
  principalRoute(@principal() caller: SecurityContext, @claims() verified: Readonly<JWTPayload>) {
    this.calls.record('principal');
    return { sub: caller.subject, claimSub: verified.sub, roles: caller.roles };
  }

  @get('/require-in-handler')
  requireInHandler() {
    this.calls.record('require-in-handler');
    this.security.requireRole('auditor');
    return { ok: true };
  }
}

@controller('/maybe')
export class OptionalController {
  constructor(
    @inject(HandlerCalls) private readonly calls: HandlerCalls,
    @inject(SecurityContext) private readonly security: SecurityContext,
  ) {}

  @get('/optional')
  @optionalAuth()
  optional(@claims() verified: Readonly<JWTPayload>) {
    this.calls.record('optional');
    this.security.requireAuthenticated();
    return { sub: verified.sub };
  }
}

export interface PolicyFixture {
  readonly app: PorticoApplication;
  readonly issuer: TestIssuer;
  readonly calls: HandlerCalls;
  readonly container: Container;
}

/** An application around {@link PolicyController}. */
export async function createPolicyFixture(
  overrides: Partial<AuthenticationOptions> = {},
  prepare: (container: Container) => void = () => undefined,
): Promise<PolicyFixture> {
  const issuer = await createTestIssuer({ audience: 'policy-api' });
  const container = new Container();
  const calls = new HandlerCalls();

  container.bind(HandlerCalls).toConstantValue(calls);
  container.bind(DocumentOwners).toSelf().inSingletonScope();
  prepare(container);

  const auth = authentication({
    issuer: issuer.issuer,
    audience: issuer.audience,
    algorithms: ['ES256'],
    keys: { jwks: issuer.jwks },
    ...overrides,
  });
  const app = await createApplication({
    controllers: [PolicyController, OptionalController],
    container,
    use: [auth],
  });

  return { app, issuer, calls, container };
}
