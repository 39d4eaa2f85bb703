import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import request from 'supertest';
import { z } from 'zod';

import {
  apiResponse,
  body,
  controller,
  createApplication,
  createMetadataDecorator,
  createMetadataKey,
  createOpenApiController,
  del,
  excludeFromOpenApi,
  get,
  header,
  httpCode,
  param,
  post,
  query,
  type OpenApiDocument,
  type PorticoPlugin,
} from '../../src/index.js';

const Note = z.object({ id: z.number().int(), title: z.string() });
const NewNote = z.object({ title: z.string().min(1) });
const PUBLIC = createMetadataKey<boolean>('test:public');
const isPublic = () => createMetadataDecorator(PUBLIC, true);

@controller('/notes')
class NotesController {
  @apiResponse(200, { schema: z.array(Note), description: 'All notes' })
  @get('/')
  list(
    @query(undefined, z.object({ limit: z.number().optional(), done: z.boolean() })) q: unknown,
  ) {
    return q;
  }

  @get('/:id')
  find(@param('id', z.number().int()) id: number, @header('X-Trace') trace: string) {
    return { id, trace };
  }

  @httpCode(201)
  @post('/')
  create(@body(NewNote) note: unknown) {
    return note;
  }

  @del('/:id')
  remove(@param('id') id: number) {
    return id > 0 ? undefined : undefined;
  }

  @excludeFromOpenApi()
  @get('/internal/state')
  state() {
    return {};
  }
}

const securityPlugin: PorticoPlugin = {
  name: 'security',
  install(host) {
    host.contributeOpenApi({
      operation: (operation, route) => {
        if (route.metadata.get(PUBLIC) !== true) operation['security'] = [{ bearer: [] }];
      },
      document: (document) => {
        document.components['securitySchemes'] = { bearer: { type: 'http', scheme: 'bearer' } };
      },
    });
  },
};

async function fetchDocument(): Promise<OpenApiDocument> {
  const app = await createApplication({
    controllers: [NotesController],
    openapi: { title: 'Notes', version: '1.2.3' },
    use: [securityPlugin],
  });
  const res = await request(app.callback()).get('/openapi.json');
  return res.body as OpenApiDocument;
}

describe('OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    const document = await fetchDocument();

    const result = await new Validator().validate(document);

    expect(result.errors ?? []).to.deep.equal([]);
    expect(result.valid).to.equal(true);
  });

  it('lists every documented route with OpenAPI path templates', async () => {
    const document = await fetchDocument();

    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );

    expect(operations.sort()).to.deep.equal([
      'delete /notes/{id}',
      'get /notes',
      'get /notes/{id}',
      'post /notes',
    ]);
  });

  it('documents path parameters with the schema of their validator', async () => {
    const document = await fetchDocument();

    const parameters = document.paths['/notes/{id}']?.['get']?.parameters;

    expect(parameters).to.deep.equal([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 },
      },
      { name: 'X-Trace'.toLowerCase(), in: 'header', required: false, schema: { type: 'string' } },
    ]);
  });

  it('documents a path parameter without a schema from its declared type', async () => {
    const document = await fetchDocument();

    const parameters = document.paths['/notes/{id}']?.['delete']?.parameters;

    expect(parameters?.[0]?.schema).to.deep.equal({ type: 'number' });
  });

  it('expands a whole query object into one parameter per property', async () => {
    const document = await fetchDocument();

    const parameters = document.paths['/notes']?.['get']?.parameters;

    expect(parameters?.map(({ name, required }) => ({ name, required }))).to.deep.equal([
      { name: 'limit', required: false },
      { name: 'done', required: true },
    ]);
  });

  it('documents the request body and the declared success status', async () => {
    const document = await fetchDocument();

    const operation = document.paths['/notes']?.['post'];

    expect(operation?.requestBody).to.deep.equal({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { title: { type: 'string', minLength: 1 } },
            required: ['title'],
          },
        },
      },
    });
    expect(Object.keys(operation?.responses ?? {})).to.deep.equal(['201', 'default']);
  });

  it('documents a declared response schema', async () => {
    const document = await fetchDocument();

    const response = document.paths['/notes']?.['get']?.responses['200'];

    expect(response?.['description']).to.equal('All notes');
    expect(response?.['content']).to.have.nested.property('application/json.schema.type', 'array');
  });

  it('applies plugin contributions to operations and to the document', async () => {
    const document = await fetchDocument();

    const security = document.paths['/notes']?.['get']?.['security'];

    expect(security).to.deep.equal([{ bearer: [] }]);
    expect(document.components['securitySchemes']).to.have.property('bearer');
  });

  it('leaves out excluded routes and its own routes', async () => {
    const document = await fetchDocument();

    const paths = Object.keys(document.paths);

    expect(paths).not.to.include('/notes/internal/state');
    expect(paths).not.to.include('/openapi.json');
  });
});

describe('createOpenApiController', () => {
  it('serves its routes as ordinary routes of the route table', async () => {
    const app = await createApplication({
      controllers: [NotesController],
      openapi: { title: 'Notes', version: '1' },
    });

    const paths = app.routeTable.map((row) => `${row.method} ${row.path}`);

    expect(paths).to.include.members(['GET /openapi.json', 'GET /docs', 'GET /docs/:asset']);
  });

  it('lets a decorated subclass attach metadata to the documentation routes', async () => {
    @isPublic()
    class PublicDocs extends createOpenApiController({ title: 'Notes', version: '1' }) {}
    const app = await createApplication({ controllers: [NotesController, PublicDocs] });

    const docsRoutes = app.routes.filter((route) => route.controller === PublicDocs);

    expect(docsRoutes.map((route) => route.metadata.get(PUBLIC))).to.deep.equal([true, true, true]);
  });

  it('serves a docs page that loads Swagger UI from local paths only', async () => {
    const app = await createApplication({
      controllers: [NotesController],
      openapi: { title: 'Notes', version: '1' },
    });

    const res = await request(app.callback()).get('/docs');

    expect(res.type).to.equal('text/html');
    expect(res.text).to.contain('src="/docs/swagger-ui-bundle.js"');
    expect(res.text).not.to.match(/https?:\/\//);
  });

  it('serves the Swagger UI bundle from swagger-ui-dist', async () => {
    const app = await createApplication({
      controllers: [NotesController],
      openapi: { title: 'Notes', version: '1' },
    });

    const res = await request(app.callback()).get('/docs/swagger-ui-bundle.js');

    expect(res.status).to.equal(200);
    expect(res.type).to.equal('text/javascript');
  });

  it('points the start-up script at the document path', async () => {
    const app = await createApplication({
      controllers: [NotesController],
      openapi: { title: 'Notes', version: '1', path: '/api/openapi.json' },
    });

    const res = await request(app.callback()).get('/docs/init.js');

    expect(res.text).to.contain('"url":"/api/openapi.json"');
  });

  it('answers 404 for a file outside the asset whitelist', async () => {
    const app = await createApplication({
      controllers: [NotesController],
      openapi: { title: 'Notes', version: '1' },
    });

    const res = await request(app.callback()).get('/docs/package.json');

    expect([res.status, res.body.code]).to.deep.equal([404, 'ERR_CORE_NOT_FOUND']);
  });

  it('serves no docs page when docsPath is false', async () => {
    const Docs = createOpenApiController({ title: 'Notes', version: '1', docsPath: false });
    const app = await createApplication({ controllers: [Docs] });

    expect(app.routeTable.map((row) => row.path)).to.deep.equal(['/openapi.json']);
  });

  it('rejects a path that does not start with a slash', () => {
    const act = () => createOpenApiController({ title: 'x', version: '1', path: 'openapi.json' });

    expect(act).to.throw(TypeError, /"path"/);
  });
});
