import { injectFromBase, type Container } from 'inversify';

import type { ControllerClass } from '../routing/route-definition.js';

const inheriting = new WeakSet<ControllerClass>();

/**
 * Binds a controller the application did not bind itself: transient, so each
 * request gets its own instance (inversify builds one in about 0.1 µs) and a
 * request-scoped constructor dependency can never be captured.
 *
 * A subclass that declares no constructor of its own inherits its base
 * class's constructor injections, as plain TypeScript would pass the
 * arguments through; inversify needs to be told so explicitly.
 */
export function bindController(container: Container, controller: ControllerClass): void {
  if (container.isBound(controller)) return;

  inheritBaseInjections(controller);
  container.bind(controller).toSelf().inTransientScope();
}

function inheritBaseInjections(controller: ControllerClass): void {
  const base: unknown = Object.getPrototypeOf(controller);
  const declaresConstructor = Reflect.hasOwnMetadata('design:paramtypes', controller);
  const isSubclass = typeof base === 'function' && base !== Function.prototype;

  if (!isSubclass || declaresConstructor || inheriting.has(controller)) return;

  inheriting.add(controller);
  injectFromBase({ extendConstructorArguments: true, extendProperties: true })(controller);
}
