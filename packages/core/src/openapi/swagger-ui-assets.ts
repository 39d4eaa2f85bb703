import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

/** The files of `swagger-ui-dist` the docs page loads, with their media types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

/** Name of the generated script that starts Swagger UI. */
export const INIT_SCRIPT = 'init.js';

const distDirectory = dirname(
  createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'),
);

/** An asset of the docs page, read from the local `swagger-ui-dist` package. */
export interface SwaggerUiAsset {
  readonly type: string;
  readonly body: Readable;
}

/**
 * Opens one whitelisted `swagger-ui-dist` file; nothing else on disk is
 * reachable through the asset route.
 *
 * @returns `undefined` for any name not in the whitelist
 */
export function openSwaggerUiAsset(name: string): SwaggerUiAsset | undefined {
  const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;

  if (type === undefined) return undefined;

  return { type, body: createReadStream(join(distDirectory, name)) };
}

/** The HTML of the docs page; every asset comes from `docsPath`, none from a CDN. */
export function renderDocsPage(docsPath: string, title: string): string {
  const asset = (name: string) => `${docsPath}/${name}`;
  const safeTitle = title.replace(/[<>&"]/g, '');

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${safeTitle}</title>`,
    `<link rel="stylesheet" href="${asset('swagger-ui.css')}">`,
    `<link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}">`,
    '</head>',
    '<body>',
    '<div id="swagger-ui"></div>',
    `<script src="${asset('swagger-ui-bundle.js')}"></script>`,
    `<script src="${asset('swagger-ui-standalone-preset.js')}"></script>`,
    `<script src="${asset(INIT_SCRIPT)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The start-up script, kept out of the HTML so a strict CSP can forbid inline scripts. */
export function renderInitScript(documentPath: string): string {
  const settings = {
    url: documentPath,
    dom_id: '#swagger-ui',
    deepLinking: true,
  };

  return [
    'window.addEventListener("load", function () {',
    `  var settings = ${JSON.stringify(settings)};`,
    '  settings.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];',
    '  settings.layout = "StandaloneLayout";',
    '  window.ui = SwaggerUIBundle(settings);',
    '});',
  ].join('\n');
}
