import { CONTROLLER_KEY } from '../metadata/keys.js';
import { getOwnClassValue, setOwnClassValue } from '../metadata/metadata-store.js';

/** What `@controller` records on a class. */
export interface ControllerDeclaration {
  /** Path prefix of every route of the class, such as `/api/notes`. */
  readonly prefix: string;
}

/**
 * Marks a class as a controller whose decorated methods become routes under
 * `prefix`. The class is resolved from the application's container.
 *
 * @param prefix - path prefix, `''` or starting with `/`
 * @example
 * ```ts
 * @controller('/api/notes')
 * class NotesController {
 *   @get('/:id') find(@param('id') id: number) { … }
 * }
 * ```
 */
export function controller(prefix = ''): ClassDecorator {
  assertPrefix(prefix);

  return (target) => {
    if (getOwnClassValue(target, CONTROLLER_KEY) !== undefined) {
      throw new TypeError(`@controller is applied twice to ${target.name}.`);
    }

    const declaration: ControllerDeclaration = { prefix: trimTrailingSlash(prefix) };
    setOwnClassValue(target, CONTROLLER_KEY, Object.freeze(declaration));
  };
}

function assertPrefix(prefix: string): void {
  if (prefix !== '' && !prefix.startsWith('/')) {
    throw new TypeError(`@controller: "prefix" must start with "/", got "${prefix}".`);
  }
}

function trimTrailingSlash(prefix: string): string {
  return prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
}
