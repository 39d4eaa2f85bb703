import { expect } from 'chai';
import { controller, createApplication, get } from '@portico/core';

import { allowAnonymous, requiresRole } from '../../src/index.js';

@controller('/admin')
class AdminController {
  @get('/secret')
  @requiresRole('admin')
  secret() {
    return { secret: 42 };
  }
}

@controller('/public')
class PublicController {
  @get('/')
  @allowAnonymous()
  open() {
    return { open: true };
  }
}

describe('auth markers without the auth plugin', () => {
  for (const controllerClass of [AdminController, PublicController]) {
    it(`refuses to start ${controllerClass.name} without authentication() in "use"`, async () => {
      const error: unknown = await createApplication({ controllers: [controllerClass] }).then(
        () => undefined,
        (failure: unknown) => failure,
      );

      expect(error).to.have.property('code', 'ERR_CORE_INVALID_DEFINITION');
      expect((error as Error).message).to.include('@portico/auth plugin');
    });
  }
});
