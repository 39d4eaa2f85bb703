import { expect } from 'chai';
import request from 'supertest';
import { z } from 'zod';

import {
  body,
  controller,
  cookie,
  createApplication,
  createParamDecorator,
  ctx,
  get,
  header,
  param,
  post,
  query,
} from '../../src/index.js';
import type { Context } from 'koa';

const clientName = createParamDecorator((context) => context.get('X-Client'));
const NewNote = z.object({ title: z.string().min(1), priority: z.number().int() });

@controller('/notes')
class NotesController {
  @get('/:id')
  find(@param('id', z.number().int().positive()) id: unknown) {
    return { id, type: typeof id };
  }

  @get('/by-flag/:flag')
  byFlag(@param('flag') flag: boolean) {
    return { flag };
  }

  @get('/')
  list(
    @query(undefined, z.object({ limit: z.number().optional(), done: z.boolean() })) q: unknown,
  ) {
    return q;
  }

  @get('/search/one')
  search(@query('limit', z.number().max(50).optional()) limit: unknown) {
    return { limit: limit ?? null };
  }

  @post('/')
  create(@body(NewNote) note: unknown) {
    return note;
  }

  @get('/echo/sources')
  sources(
    @header('X-Trace') trace: string,
    @cookie('theme') theme: string,
    @clientName() client: string,
    @ctx() context: Context,
  ) {
    return { trace, theme, client, method: context.method };
  }
}

describe('parameter binding', () => {
  const app = createApplication({ controllers: [NotesController] });

  it('coerces a path parameter to the number its schema asks for', async () => {
    const res = await request((await app).callback()).get('/notes/42');

    expect(res.body).to.deep.equal({ id: 42, type: 'number' });
  });

  it('coerces a path parameter to the boolean its design type declares', async () => {
    const res = await request((await app).callback()).get('/notes/by-flag/true');

    expect(res.body).to.deep.equal({ flag: true });
  });

  it('coerces the properties of a whole query object from its schema', async () => {
    const res = await request((await app).callback()).get('/notes?limit=5&done=false');

    expect(res.body).to.deep.equal({ limit: 5, done: false });
  });

  it('leaves an absent optional query value undefined', async () => {
    const res = await request((await app).callback()).get('/notes/search/one');

    expect(res.body).to.deep.equal({ limit: null });
  });

  it('binds headers, cookies, custom decorators and the context', async () => {
    const res = await request((await app).callback())
      .get('/notes/echo/sources')
      .set('X-Trace', 't-1')
      .set('X-Client', 'cli')
      .set('Cookie', 'theme=dark');

    expect(res.body).to.deep.equal({ trace: 't-1', theme: 'dark', client: 'cli', method: 'GET' });
  });

  const invalid: readonly {
    readonly name: string;
    readonly send: (app: request.Agent) => request.Test;
    readonly errors: readonly { location: string; path: string }[];
  }[] = [
    {
      name: 'a path value that is not a number',
      send: (agent) => agent.get('/notes/abc'),
      errors: [{ location: 'path', path: 'id' }],
    },
    {
      name: 'a path number the schema refuses',
      send: (agent) => agent.get('/notes/-3'),
      errors: [{ location: 'path', path: 'id' }],
    },
    {
      name: 'a query property that is not a boolean',
      send: (agent) => agent.get('/notes?done=maybe'),
      errors: [{ location: 'query', path: 'done' }],
    },
    {
      name: 'a repeated single-valued query value',
      send: (agent) => agent.get('/notes/search/one?limit=1&limit=2'),
      errors: [{ location: 'query', path: 'limit' }],
    },
    {
      name: 'a body missing every field',
      send: (agent) => agent.post('/notes').send({}),
      errors: [
        { location: 'body', path: 'title' },
        { location: 'body', path: 'priority' },
      ],
    },
    {
      name: 'a body number sent as a string, which is never coerced',
      send: (agent) => agent.post('/notes').send({ title: 'a', priority: '1' }),
      errors: [{ location: 'body', path: 'priority' }],
    },
  ];

  for (const each of invalid) {
    it(`answers 400 ERR_CORE_VALIDATION listing the fields for ${each.name}`, async () => {
      const agent = request.agent((await app).callback());

      const res = await each.send(agent);

      expect(res.status).to.equal(400);
      expect(res.type).to.equal('application/problem+json');
      expect(res.body.code).to.equal('ERR_CORE_VALIDATION');
      const fields = (res.body.errors as { location: string; path: string }[]).map(
        ({ location, path }) => ({ location, path }),
      );
      expect(fields).to.deep.equal(each.errors);
    });
  }

  it('passes a valid body to the handler as the schema outputs it', async () => {
    const res = await request((await app).callback())
      .post('/notes')
      .send({ title: 'milk', priority: 2 });

    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ title: 'milk', priority: 2 });
  });
});
