import { CoreError } from '../errors.js';
import { findMetadataKey } from '../metadata/metadata-key.js';
import type { RouteDefinition } from './route-definition.js';

/**
 * Fails when a route carries metadata whose plugin is not installed, such as
 * `@requiresRole` without `authentication()`: the marker would otherwise be
 * ignored and the route served to anyone.
 *
 * @throws CoreError `ERR_CORE_INVALID_DEFINITION` naming the route, the
 *   decorator's key and the missing plugin
 */
export function assertRequiredPlugins(
  routes: readonly RouteDefinition[],
  installed: ReadonlySet<symbol>,
): void {
  for (const route of routes) {
    for (const symbol of route.metadata.listSymbols()) {
      const plugin = findMetadataKey(symbol)?.plugin;

      if (plugin !== undefined && !installed.has(plugin)) {
        throwMissing(route, findMetadataKey(symbol)?.description ?? '', plugin);
      }
    }
  }
}

function throwMissing(route: RouteDefinition, key: string, plugin: symbol): never {
  const name = plugin.description ?? 'plugin';
  const message =
    `Route ${route.id} is marked with "${key}", which only the ${name} plugin enforces, ` +
    `but that plugin is not listed in createApplication's "use".`;

  throw new CoreError('ERR_CORE_INVALID_DEFINITION', message);
}
