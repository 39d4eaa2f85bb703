import { RESPONSE_KEY } from '../metadata/keys.js';
import { resolveDecoratorTarget } from '../metadata/decorator-target.js';
import { getOwnMethodValue, setOwnMethodValue } from '../metadata/metadata-store.js';

/** Status and headers a handler's successful response gets by default. */
export interface ResponseDeclaration {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

function declareResponse(name: string, change: Partial<ResponseDeclaration>): MethodDecorator {
  return (target, propertyKey) => {
    const { owner } = resolveDecoratorTarget(target, propertyKey, name);
    const earlier = getOwnMethodValue(owner, propertyKey, RESPONSE_KEY) as
      ResponseDeclaration | undefined;
    const headers = { ...earlier?.headers, ...change.headers };
    const status = change.status ?? earlier?.status;

    setOwnMethodValue(owner, propertyKey, RESPONSE_KEY, { status, headers });
  };
}

/**
 * Sets the status of the handler's successful responses.
 *
 * @example
 * ```ts
 * @post('/') @httpCode(201) create(@body(schema) input: NewNote) { … }
 * ```
 */
export function httpCode(status: number): MethodDecorator {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`@httpCode: "status" must be an integer from 100 to 599, got ${status}.`);
  }

  return declareResponse('@httpCode', { status });
}

/** Sets a header on the handler's successful responses. */
export function responseHeader(name: string, value: string): MethodDecorator {
  return declareResponse('@responseHeader', { headers: { [name]: value } });
}
