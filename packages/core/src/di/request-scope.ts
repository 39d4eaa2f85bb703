import type { ServiceIdentifier } from 'inversify';

/**
 * The instances of request-scoped services for one HTTP request. Created only
 * when the request first resolves such a service, disposed after the response.
 */
export class RequestScope {
  readonly #instances = new Map<ServiceIdentifier, unknown>();

  /** Returns this request's instance for `id`, creating it with `create` once. */
  resolve<T>(id: ServiceIdentifier<T>, create: () => T): T {
    if (this.#instances.has(id)) {
      return this.#instances.get(id) as T;
    }

    const instance = create();
    this.#instances.set(id, instance);
    return instance;
  }

  /**
   * Calls `[Symbol.asyncDispose]`, `[Symbol.dispose]` or `dispose()` on every
   * instance, newest first. A failing disposer does not stop the others.
   */
  async dispose(): Promise<void> {
    const instances = [...this.#instances.values()].reverse();
    this.#instances.clear();

    const results = await Promise.allSettled(instances.map((each) => disposeOne(each)));
    const failure = results.find((each) => each.status === 'rejected');

    if (failure !== undefined) throw failure.reason;
  }
}

async function disposeOne(instance: unknown): Promise<void> {
  if (typeof instance !== 'object' || instance === null) return;

  const disposable = instance as Partial<Record<symbol | 'dispose', () => unknown>>;
  const dispose =
    disposable[Symbol.asyncDispose] ?? disposable[Symbol.dispose] ?? disposable.dispose;

  if (typeof dispose === 'function') await dispose.call(instance);
}
