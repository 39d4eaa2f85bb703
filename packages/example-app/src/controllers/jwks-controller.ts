import { inject, optional } from 'inversify';
import { controller, get, NotFoundError } from '@portico/core';
import { allowAnonymous } from '@portico/auth';

import type { DevelopmentIssuer } from '../development-issuer.js';
import { DEVELOPMENT_ISSUER } from '../tokens.js';

/** Publishes the development issuer's public keys. */
@controller('/.well-known')
@allowAnonymous()
export class JwksController {
  constructor(
    @inject(DEVELOPMENT_ISSUER) @optional() private readonly issuer: DevelopmentIssuer | undefined,
  ) {}

  @get('/jwks.json')
  jwks() {
    if (this.issuer === undefined) throw new NotFoundError();

    return this.issuer.jwks;
  }
}
