import { z } from 'zod';

/** A stored note. */
export interface Note {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly owner: string;
}

/** What a caller sends to create a note. */
export const newNoteSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(10_000).optional(),
});

/** A validated `POST /api/notes` body. */
export type NewNote = z.infer<typeof newNoteSchema>;

/** A note id in a path: a positive integer. */
export const noteIdSchema = z.number().int().positive();

/** The JSON shape of a note, for the OpenAPI document. */
export const noteSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  body: z.string(),
  owner: z.string(),
});
