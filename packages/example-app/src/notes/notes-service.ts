import { inject, injectable } from 'inversify';
import { NotFoundError } from '@portico/core';
import { SecurityContext } from '@portico/auth';

import type { NewNote, Note } from './note.js';
import { NOTES_REPOSITORY, type NotesRepository } from './notes-repository.js';

/**
 * The caller's notes. The owner always comes from the security context of the
 * request, never from an argument, so no route can act for someone else.
 */
@injectable()
export class NotesService {
  constructor(
    @inject(NOTES_REPOSITORY) private readonly repository: NotesRepository,
    @inject(SecurityContext) private readonly security: SecurityContext,
  ) {}

  create(input: NewNote): Promise<Note> {
    return this.repository.add(this.#owner(), input.title, input.body ?? '');
  }

  list(): Promise<readonly Note[]> {
    return this.repository.findByOwner(this.#owner());
  }

  /** @throws NotFoundError for a missing note and for another caller's note alike */
  async get(id: number): Promise<Note> {
    const note = await this.repository.find(id);

    if (note?.owner !== this.#owner()) throw new NotFoundError('No such note.');

    return note;
  }

  /** @throws NotFoundError for a missing note and for another caller's note alike */
  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.repository.remove(id);
  }

  #owner(): string {
    const owner = this.security.subject;

    // Routes of this service need a token, so a subject is always present.
    if (owner === undefined) throw new NotFoundError('No such note.');

    return owner;
  }
}
