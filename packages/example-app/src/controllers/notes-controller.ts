import { inject } from 'inversify';
import { z } from 'zod';
import {
  apiResponse,
  body,
  controller,
  del,
  get,
  httpCode,
  HttpResponse,
  param,
  post,
} from '@portico/core';

import { newNoteSchema, noteIdSchema, noteSchema, type NewNote, type Note } from '../notes/note.js';
import { NotesService } from '../notes/notes-service.js';

/** The caller's own notes. Every route needs a valid token. */
@controller('/api/notes')
export class NotesController {
  constructor(@inject(NotesService) private readonly notes: NotesService) {}

  @post('/')
  @httpCode(201)
  @apiResponse(201, { schema: noteSchema, description: 'The created note.' })
  async create(@body(newNoteSchema) input: NewNote): Promise<HttpResponse<Note>> {
    const note = await this.notes.create(input);
    const headers = { Location: `/api/notes/${note.id}` };

    return new HttpResponse(note, { status: 201, headers });
  }

  @get('/')
  @apiResponse(200, { schema: z.array(noteSchema), description: "The caller's notes." })
  list(): Promise<readonly Note[]> {
    return this.notes.list();
  }

  @get('/:id')
  @apiResponse(200, { schema: noteSchema, description: 'The note.' })
  find(@param('id', noteIdSchema) id: number): Promise<Note> {
    return this.notes.get(id);
  }

  @del('/:id')
  @httpCode(204)
  async remove(@param('id', noteIdSchema) id: number): Promise<void> {
    await this.notes.remove(id);
  }
}
