import { CoreError } from '../errors.js';
import { describeTarget } from '../metadata/decorator-target.js';
import type { RouteDefinition } from './route-definition.js';

/** How one segment of a route compares with the same segment of another. */
type SegmentOrder = 'same' | 'left' | 'right' | 'disjoint';

const PARAMETER = /^:[A-Za-z0-9_]+$/;
const LITERAL = /^[^:*{}()\\]*$/;

/**
 * Fails when two routes can answer the same request and neither is more
 * specific: `/a/:x/b` and `/a/c/:y` both take `/a/c/b`, each with a literal
 * where the other has a parameter. The specificity order would pick one
 * silently; DESIGN asks for a start-up error naming both. Only paths made of
 * whole literal and `:name` segments are compared; wildcards and groups are
 * covered by the ordering and the shadowing check.
 *
 * @throws CoreError `ERR_CORE_DUPLICATE_ROUTE` naming both routes
 */
export function assertNoAmbiguousRoutes(
  routes: readonly RouteDefinition[],
  caseSensitive: boolean,
): void {
  const simple = routes.filter((route) => isSimplePath(route.path));

  for (let left = 0; left < simple.length; left++) {
    for (let right = left + 1; right < simple.length; right++) {
      const a = simple[left] as RouteDefinition;
      const b = simple[right] as RouteDefinition;

      if (isAmbiguous(a, b, caseSensitive)) throwAmbiguous(a, b);
    }
  }
}

function isSimplePath(path: string): boolean {
  return path.split('/').every((segment) => PARAMETER.test(segment) || LITERAL.test(segment));
}

function isAmbiguous(a: RouteDefinition, b: RouteDefinition, caseSensitive: boolean): boolean {
  const sameMethod = a.method === b.method || a.method === 'ALL' || b.method === 'ALL';
  const left = a.path.split('/');
  const right = b.path.split('/');

  if (!sameMethod || left.length !== right.length) return false;

  const orders = left.map((segment, index) =>
    compareSegment(segment, right[index] ?? '', caseSensitive),
  );

  return !orders.includes('disjoint') && orders.includes('left') && orders.includes('right');
}

function compareSegment(left: string, right: string, caseSensitive: boolean): SegmentOrder {
  const leftIsParameter = PARAMETER.test(left);
  const rightIsParameter = PARAMETER.test(right);

  if (leftIsParameter && rightIsParameter) return 'same';
  if (leftIsParameter) return 'right';
  if (rightIsParameter) return 'left';

  const equal = caseSensitive ? left === right : left.toLowerCase() === right.toLowerCase();
  return equal ? 'same' : 'disjoint';
}

function throwAmbiguous(a: RouteDefinition, b: RouteDefinition): never {
  const first = `${a.id} (${describeTarget(a.controller, a.handlerName)})`;
  const second = `${b.id} (${describeTarget(b.controller, b.handlerName)})`;
  const message =
    `Routes ${first} and ${second} can both answer one request and neither is more ` +
    'specific; make one path narrower or rename it.';

  throw new CoreError('ERR_CORE_DUPLICATE_ROUTE', message);
}
