import { injectable } from 'inversify';

import type { Note } from './note.js';
import type { NotesRepository } from './notes-repository.js';

/** Keeps notes in process memory; they are gone when the app stops. */
@injectable()
export class InMemoryNotesRepository implements NotesRepository {
  readonly #notes = new Map<number, Note>();
  #lastId = 0;

  add(owner: string, title: string, body: string): Promise<Note> {
    const note = Object.freeze({ id: ++this.#lastId, title, body, owner });
    this.#notes.set(note.id, note);
    return Promise.resolve(note);
  }

  findByOwner(owner: string): Promise<readonly Note[]> {
    const notes = [...this.#notes.values()].filter((note) => note.owner === owner);
    return Promise.resolve(notes);
  }

  find(id: number): Promise<Note | undefined> {
    return Promise.resolve(this.#notes.get(id));
  }

  remove(id: number): Promise<boolean> {
    return Promise.resolve(this.#notes.delete(id));
  }
}
