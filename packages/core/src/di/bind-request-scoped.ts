import type { Container, Newable, ServiceIdentifier } from 'inversify';

import { RequestContext } from '../context/request-context.js';

/** The framework's hidden token for the per-request construction of `id`. */
function hiddenToken(id: ServiceIdentifier): symbol {
  const name = typeof id === 'function' ? id.name : String(id);
  return Symbol(`portico:request-scoped:${name}`);
}

/**
 * Binds `id` so that each HTTP request gets its own instance of
 * `implementation`, shared by everything that resolves `id` within that
 * request, and disposed after the response. Resolving it outside of a request
 * throws `ERR_CORE_NO_REQUEST_CONTEXT`.
 *
 * @example
 * ```ts
 * bindRequestScoped(container, UnitOfWork);
 * bindRequestScoped(container, NOTES_REPOSITORY, InMemoryNotesRepository);
 * ```
 */
export function bindRequestScoped<T>(
  container: Container,
  id: ServiceIdentifier<T>,
  implementation?: Newable<T>,
): void {
  const type = implementation ?? (typeof id === 'function' ? (id as Newable<T>) : undefined);

  if (type === undefined) {
    throw new TypeError('bindRequestScoped: pass "implementation" when "id" is not a class.');
  }

  const hidden = hiddenToken(id);
  container.bind(hidden).to(type).inTransientScope();
  container
    .bind(id)
    .toDynamicValue((context) =>
      RequestContext.current().scope.resolve(id, () => context.get<T>(hidden)),
    )
    .inTransientScope();
}
