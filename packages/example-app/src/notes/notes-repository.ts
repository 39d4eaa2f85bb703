import type { Note } from './note.js';

/** Where notes are kept. Bind another implementation to {@link NOTES_REPOSITORY}. */
export interface NotesRepository {
  add(owner: string, title: string, body: string): Promise<Note>;
  findByOwner(owner: string): Promise<readonly Note[]>;
  find(id: number): Promise<Note | undefined>;
  remove(id: number): Promise<boolean>;
}

/** Container token of the {@link NotesRepository}. */
export const NOTES_REPOSITORY = Symbol.for('example:notes-repository');
