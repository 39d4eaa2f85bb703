import { inject } from 'inversify';
import { controller, get } from '@portico/core';
import { allowAnonymous } from '@portico/auth';

import { APP_VERSION } from '../tokens.js';

/** Public status routes. */
@controller('/api')
@allowAnonymous()
export class StatusController {
  constructor(@inject(APP_VERSION) private readonly version: string) {}

  @get('/health')
  health() {
    return { status: 'ok' };
  }

  @get('/version')
  getVersion() {
    return { version: this.version };
  }

  @get('/greeting')
  greeting() {
    return { message: 'Hello, guest!' };
  }
}
