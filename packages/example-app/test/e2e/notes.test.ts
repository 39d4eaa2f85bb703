import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';

import { startExampleApp, type RunningExample } from '../../src/app.js';
import { readConfig } from '../../src/config.js';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

describe('example app notes, OpenAPI and docs', () => {
  let running: RunningExample;
  let alice: string;
  let bob: string;

  before(async () => {
    running = await startExampleApp(readConfig({ PORT: '0' }));
    alice = await login('alice');
    bob = await login('bob');
  });

  after(async () => {
    await running.close();
  });

  async function send(
    method: string,
    path: string,
    token?: string,
    body?: string,
    type = 'application/json',
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = type;

    const res = await fetch(`${running.url}${path}`, { method, headers, body: body ?? null });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');

    return {
      status: res.status,
      headers: res.headers,
      body: isJson && text !== '' ? JSON.parse(text) : text,
    };
  }

  async function login(username: string): Promise<string> {
    const credentials = JSON.stringify({ username, password: `${username}-password` });
    const res = await send('POST', '/auth/login', undefined, credentials);
    return (res.body as { access_token: string }).access_token;
  }

  async function createNote(token: string, title: string): Promise<{ id: number; owner: string }> {
    const res = await send('POST', '/api/notes', token, JSON.stringify({ title, body: 'text' }));
    expect(res.status).to.equal(201);
    return res.body as { id: number; owner: string };
  }

  it('creates a note owned by the caller with 201 and a Location header', async () => {
    const res = await send('POST', '/api/notes', alice, JSON.stringify({ title: 'Groceries' }));

    const note = res.body as { id: number };
    expect(res.status).to.equal(201);
    expect(res.headers.get('location')).to.equal(`/api/notes/${note.id}`);
    expect(note).to.deep.equal({ id: note.id, title: 'Groceries', body: '', owner: 'alice' });
  });

  it('ignores an owner field in the body', async () => {
    const input = JSON.stringify({ title: 'Mine', owner: 'bob' });

    const res = await send('POST', '/api/notes', alice, input);

    expect((res.body as { owner: string }).owner).to.equal('alice');
  });

  it("lists only the caller's notes", async () => {
    await createNote(alice, 'alice only');
    await createNote(bob, 'bob only');

    const res = await send('GET', '/api/notes', bob);

    const owners = (res.body as { owner: string }[]).map((note) => note.owner);
    expect(res.status).to.equal(200);
    expect(owners).to.not.be.empty;
    expect(new Set(owners)).to.deep.equal(new Set(['bob']));
  });

  it("answers 404 for another user's note and for a missing one", async () => {
    const note = await createNote(alice, 'private');

    const foreign = await send('GET', `/api/notes/${note.id}`, bob);
    const missing = await send('GET', '/api/notes/999999', bob);
    const own = await send('GET', `/api/notes/${note.id}`, alice);

    expect([foreign.status, missing.status, own.status]).to.deep.equal([404, 404, 200]);
    expect((foreign.body as { code: string }).code).to.equal('ERR_CORE_NOT_FOUND');
  });

  it('answers 400 for an id that is not a positive integer', async () => {
    for (const id of ['abc', '1.5', '-3', '0']) {
      const res = await send('GET', `/api/notes/${id}`, alice);

      expect(res.status, id).to.equal(400);
      expect((res.body as { code: string }).code).to.equal('ERR_CORE_VALIDATION');
    }
  });

  it("deletes only the caller's own note", async () => {
    const note = await createNote(alice, 'to delete');

    const byBob = await send('DELETE', `/api/notes/${note.id}`, bob);
    const byAlice = await send('DELETE', `/api/notes/${note.id}`, alice);
    const again = await send('DELETE', `/api/notes/${note.id}`, alice);

    expect([byBob.status, byAlice.status, again.status]).to.deep.equal([404, 204, 404]);
  });

  it('lists every bad field in one 400 problem', async () => {
    const input = JSON.stringify({ title: '', body: 'x'.repeat(10_001) });

    const res = await send('POST', '/api/notes', alice, input);

    const problem = res.body as { code: string; errors: { path: string }[] };
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.include('application/problem+json');
    expect(problem.errors.map((error) => error.path).sort()).to.deep.equal(['body', 'title']);
  });

  it('answers 415 for a non-JSON body and 413 over the size limit', async () => {
    const form = await send(
      'POST',
      '/api/notes',
      alice,
      'title=x',
      'application/x-www-form-urlencoded',
    );
    const huge = await send(
      'POST',
      '/api/notes',
      alice,
      JSON.stringify({ title: 'x', body: 'y'.repeat(70_000) }),
    );

    expect([form.status, huge.status]).to.deep.equal([415, 413]);
  });

  it('answers 401 on every notes route without a token', async () => {
    const answers = await Promise.all([
      send('GET', '/api/notes'),
      send('POST', '/api/notes', undefined, '{"title":"x"}'),
      send('GET', '/api/notes/1'),
      send('DELETE', '/api/notes/1'),
    ]);

    expect(answers.map((answer) => answer.status)).to.deep.equal([401, 401, 401, 401]);
  });

  it('serves the OpenAPI document and the docs page anonymously', async () => {
    const document = await send('GET', '/openapi.json');
    const docs = await send('GET', '/docs');

    const paths = Object.keys((document.body as { paths: object }).paths);
    expect(document.status).to.equal(200);
    expect(paths).to.include.members(['/api/notes', '/api/notes/{id}', '/api/health']);
    expect(docs.status).to.equal(200);
    expect(docs.headers.get('content-type')).to.include('text/html');
  });

  it('serves a document, auth security included, that validates against OpenAPI 3.1', async () => {
    const document = await send('GET', '/openapi.json');

    const result = await new Validator().validate(document.body as Record<string, unknown>);
    const notes = (document.body as { paths: Record<string, Record<string, object>> }).paths;

    expect(result.errors ?? []).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(notes['/api/notes']?.['get']).to.have.deep.property('security', [{ bearerAuth: [] }]);
    expect(notes['/api/health']?.['get']).to.have.deep.property('security', []);
  });
});
