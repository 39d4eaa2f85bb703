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
}

/**
 * Creates a controller that serves the application's OpenAPI 3.1 document and
 * a Swagger UI page (from the local `swagger-ui-dist`, no CDN). Its routes are
 * ordinary routes of the route table, left out of the document itself.
 * Subclass or decorate the returned class to attach metadata, such as
 * `@allowAnonymous()`, to these routes.
 *
 * @throws TypeError when `path` or `docsPath` does not start with `/`
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

  return OpenApiController;
}

function declareDocsRoutes(target: ControllerClass, docsPath: string): void {
  const prototype = target.prototype as object;

  get(docsPath)(prototype, 'docs', Object.getOwnPropertyDescriptor(prototype, 'docs') ?? {});
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

  if (options.title === '' || options.version === '') {
    throw new TypeError('createOpenApiController: "title" and "version" must be non-empty.');
  }

  return { path, docsPath };
}

function pickInfo(options: OpenApiOptions): OpenApiInfo {
  const { title, version, description } = options;
  return description === undefined ? { title, version } : { title, version, description };
}
