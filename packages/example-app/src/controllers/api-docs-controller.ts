import { createOpenApiController } from '@portico/core';
import { allowAnonymous } from '@portico/auth';

import { readVersion } from '../version.js';

/** `GET /openapi.json` and `GET /docs`, both public. */
@allowAnonymous()
export class ApiDocsController extends createOpenApiController({
  title: 'Portico example app',
  version: readVersion(),
  path: '/openapi.json',
  docsPath: '/docs',
}) {}
