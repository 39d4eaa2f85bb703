import { expect } from 'chai';

/** Awaits a promise that must reject and returns its reason; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

/** Runs `action`, which must throw, and returns what it threw. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }

  return expect.fail('expected an exception');
}
