import { inject } from 'inversify';

import { controller } from '../decorators/controller.js';
import { get } from '../decorators/http-method.js';
import { param } from '../decorators/params.js';
import { NotFoundError } from '../errors.js';
import { HttpResponse } from '../http/http-response.js';
import type { ControllerClass } from '../routing/route-definition.js';
import type { OpenApiDocument, OpenApiInfo } from './openapi-document.js';
import { OPENAPI_GENERATOR, type OpenApiGenerator } from './openapi-generator.js';
import { excludeFromOpenApi } from './openapi-metadata.js';
import {
  INIT_SCRIPT,
  openSwaggerUiAsset,
  renderDocsPage,
  renderInitScript,
} from './swagger-ui-assets.js';

/** Options of {@link createOpenApiController} and of `createApplication({ openapi })`. */
export interface OpenApiOptions extends OpenApiInfo {
  /** Where the JSON document is served. Default `/openapi.json`. */
  readonly path?: string;
  /** Where the Swagger UI page is served; `false` serves none. Default `/docs`. */
  readonly docsPath?: string | false;
  /**
   * Class decorators applied to the generated controller, in the order listed
   * (as if written above the class from bottom to top). With authentication
   * installed, `decorators: [allowAnonymous()]` makes the document and the
   * docs page public.
   */
  readonly decorators?: readonly ClassDecorator[];
}

/**
 * Creates a controller that serves the application's OpenAPI 3.1 document and
 * a Swagger UI page (from the local `swagger-ui-dist`, no CDN). Its routes are
 * ordinary routes of the route table, left out of the document itself.
 * Attach metadata, such as `@allowAnonymous()`, to these routes with the
 * `decorators` option, or by subclassing and decorating the returned class.
 *
 * @throws TypeError when `path` or `docsPath` does not start with `/`, or an
 *   entry of `decorators` is not a function
 * @example
 * ```ts
 * @allowAnonymous()
 * class PublicApiDocs extends createOpenApiController({ title: 'Notes', version: '1.0.0' }) {}
 * await createApplication({ controllers: [NotesController, PublicApiDocs] });
 * ```
 */
export function createOpenApiController(options: OpenApiOptions): ControllerClass {
  const settings = resolveSettings(options);
  const info = pickInfo(options);

  @excludeFromOpenApi()
  @controller()
  class OpenApiController {
    constructor(@inject(OPENAPI_GENERATOR) private readonly generator: OpenApiGenerator) {}

    @get(settings.path)
    document(): OpenApiDocument {
      return this.generator.generate(info);
    }

    docs(): HttpResponse<string> {
      const headers = { 'Content-Type': 'text/html; charset=utf-8' };
      return new HttpResponse(renderDocsPage(settings.docsPath, info.title), { headers });
    }

    asset(name: string): HttpResponse {
      if (name === INIT_SCRIPT) {
        const headers = { 'Content-Type': 'text/javascript; charset=utf-8' };
        return new HttpResponse(renderInitScript(settings.path), { headers });
      }

      const asset = openSwaggerUiAsset(name);
      if (asset === undefined) throw new NotFoundError();

      return new HttpResponse(asset.body, { headers: { 'Content-Type': asset.type } });
    }
  }

  if (settings.docsPath !== '') declareDocsRoutes(OpenApiController, settings.docsPath);

  return applyClassDecorators(OpenApiController, options.decorators ?? []);
}

function applyClassDecorators(
  target: ControllerClass,
  decorators: readonly ClassDecorator[],
): ControllerClass {
  let decorated = target;

  for (const decorate of decorators) {
    // A class decorator may return a replacement class; keep it, as TypeScript does.
    const replaced: unknown = decorate(decorated);
    if (typeof replaced === 'function') decorated = replaced as ControllerClass;
  }

  return decorated;
}

function declareDocsRoutes(target: ControllerClass, docsPath: string): void {
  const prototype = target.prototype as object;

  get(docsPath)(prototype, 'docs', Object.getOwnPropertyDescriptor(prototype, 'docs') ?? {});
  // Decorated by hand, so no compiler emits the types the route table requires.
  Reflect.defineMetadata('design:paramtypes', [String], prototype, 'asset');
  param('asset')(prototype, 'asset', 0);
  get(`${docsPath}/:asset`)(
    prototype,
    'asset',
    Object.getOwnPropertyDescriptor(prototype, 'asset') ?? {},
  );
}

interface Settings {
  readonly path: string;
  /** `''` when no docs page is served. */
  readonly docsPath: string;
}

function resolveSettings(options: OpenApiOptions): Settings {
  const path = options.path ?? '/openapi.json';
  const docsPath = options.docsPath === false ? '' : (options.docsPath ?? '/docs');

  for (const [name, value] of [
    ['path', path],
    ['docsPath', docsPath],
  ] as const) {
    const isOff = name === 'docsPath' && value === '';

    if (!isOff && !value.startsWith('/')) {
      throw new TypeError(
        `createOpenApiController: "${name}" must start with "/", got "${value}".`,
      );
    }
  }

  if (options.decorators?.some((each) => typeof each !== 'function') === true) {
    throw new TypeError('createOpenApiController: every entry of "decorators" must be a function.');
  }

  if (options.title === '' || options.version === '') {
    throw new TypeError('createOpenApiController: "title" and "version" must be non-empty.');
  }

  return { path, docsPath };
}

function pickInfo(options: OpenApiOptions): OpenApiInfo {
  const { title, version, description } = options;
  return description === undefined ? { title, version } : { title, version, description };
}
