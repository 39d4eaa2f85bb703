import { expect } from 'chai';

import {
  controller,
  createApplication,
  createMetadataDecorator,
  createMetadataKey,
  get,
  type PorticoPlugin,
} from '../../src/index.js';

const GUARD = Symbol('guard');
const GUARDED = createMetadataKey<boolean>('test:guarded', { plugin: GUARD });
const PLAIN = createMetadataKey<boolean>('test:plain');

@controller('/guarded')
class GuardedController {
  @get('/')
  @createMetadataDecorator(GUARDED, true)
  secret() {
    return { secret: true };
  }
}

@controller('/plain')
@createMetadataDecorator(PLAIN, true)
class PlainController {
  @get('/')
  open() {
    return { open: true };
  }
}

const guard: PorticoPlugin = { name: 'guard', id: GUARD, install: () => undefined };
const impostor: PorticoPlugin = { name: 'guard', install: () => undefined };

describe('plugin requirements of metadata keys', () => {
  it('refuses to start when a route carries a key whose plugin is not installed', async () => {
    const error: unknown = await createApplication({ controllers: [GuardedController] }).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).to.have.property('code', 'ERR_CORE_INVALID_DEFINITION');
    expect((error as Error).message)
      .to.include('GET /guarded')
      .and.include('guard plugin');
  });

  it('is not fooled by another plugin with the same name (red-team round 2, finding 5)', async () => {
    const error: unknown = await createApplication({
      controllers: [GuardedController],
      use: [impostor],
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).to.have.property('code', 'ERR_CORE_INVALID_DEFINITION');
  });

  it('starts when the plugin is installed', async () => {
    const app = await createApplication({ controllers: [GuardedController], use: [guard] });

    expect(app.routes).to.have.length(1);
  });

  it('ignores keys that name no plugin', async () => {
    const app = await createApplication({ controllers: [PlainController] });

    expect(app.routes).to.have.length(1);
  });
});
