/**
 * What the commentary's REST routes take and answer: named versions of a group's notebook on a
 * document. Validation (zod) for the server; the client imports the types only.
 */
import { z } from 'zod';
import type { CommentaryJson } from './commentary-text.ts';
import type { DiffPart } from './word-diff.ts';

/** `versions`: named versions one commentary keeps (each is the whole notebook). */
export const commentaryLimits = { versionName: 120, versions: 200 } as const;

export const saveCommentaryVersionSchema = z
  .object({ name: z.string().trim().min(1, 'Give the version a name').max(commentaryLimits.versionName) })
  .strict();

export interface CommentaryVersionSummary {
  id: string;
  name: string;
  createdAt: string;
  createdBy: { id: string; displayName: string };
}

/** A version's content, read-only, as ProseMirror JSON in shared/commentary-schema.ts. */
export interface CommentaryVersionRecord extends CommentaryVersionSummary {
  content: CommentaryJson;
}

/** What was added and removed between a version and the commentary as it is now, word by word. */
export interface CommentaryComparison {
  version: CommentaryVersionSummary;
  parts: DiffPart[];
}
