import { inject, optional } from 'inversify';
import { z } from 'zod';
import { body, controller, HttpError, NotFoundError, post } from '@portico/core';
import { allowAnonymous } from '@portico/auth';

import { TOKEN_LIFETIME_SECONDS, type DevelopmentIssuer } from '../development-issuer.js';
import type { UserDirectory } from '../services/user-directory.js';
import { DEVELOPMENT_ISSUER, USER_DIRECTORY } from '../tokens.js';

const credentialsSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

type Credentials = z.infer<typeof credentialsSchema>;

/** Issues development tokens. Answers 404 when an external issuer is trusted. */
@controller('/auth')
@allowAnonymous()
export class LoginController {
  constructor(
    @inject(DEVELOPMENT_ISSUER) @optional() private readonly issuer: DevelopmentIssuer | undefined,
    @inject(USER_DIRECTORY) @optional() private readonly users: UserDirectory | undefined,
  ) {}

  @post('/login')
  async login(@body(credentialsSchema) credentials: Credentials) {
    if (this.issuer === undefined || this.users === undefined) throw new NotFoundError();

    const user = await this.users.authenticate(credentials.username, credentials.password);

    if (user === undefined) {
      throw new HttpError(401, 'ERR_EXAMPLE_INVALID_CREDENTIALS', 'Wrong username or password.');
    }

    const accessToken = await this.issuer.issue(user.username, user.roles);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS };
  }
}
