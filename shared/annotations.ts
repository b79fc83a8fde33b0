/**
 * Annotations and replies: the records every client sees in a room's Y.Doc, the commands that change
 * them (the only way to write), and the limits the composer and the server share.
 *
 * Commands are discriminated on `type` and each carries a client-made `commandId`: a command sent
 * twice (a retry after a lost connection) applies once and answers the same.
 */
import { z } from 'zod';
import { annotationKinds, annotationLimits, type AnnotationKind } from './annotation-vocabulary.ts';
import { selectorsSchema, type Selectors } from './selectors.ts';

export { annotationKinds, annotationLimits, eventActions, motivationOfKind, type AnnotationKind, type EventAction } from './annotation-vocabulary.ts';

export type AnnotationStatus = 'open' | 'resolved';
export type Visibility = 'group' | 'private';

/**
 * An annotation as its room holds it. `body` is null when the reader may not see it: a hidden
 * annotation reaches members without its body, a deleted one (kept because it has replies) as a
 * placeholder.
 */
export interface AnnotationRecord {
  id: string;
  documentId: string;
  groupId: string | null;
  visibility: Visibility;
  kind: AnnotationKind;
  selectors: Selectors;
  body: string | null;
  tags: string[];
  status: AnnotationStatus;
  isHidden: boolean;
  isDeleted: boolean;
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  /** When the words (body or kind) last changed; null if never edited (absent on a pending record). */
  editedAt?: string | null;
}

export interface ReplyRecord {
  id: string;
  annotationId: string;
  parentId: string | null;
  body: string | null;
  isHidden: boolean;
  isDeleted: boolean;
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  editedAt?: string | null;
}

const id = z.uuid();
const body = z.string().max(annotationLimits.body, `A text has at most ${annotationLimits.body} characters`);
/** One tag's name, in an annotation or a seminar's vocabulary. */
export const tagName = z
  .string()
  .trim()
  .min(1)
  .max(annotationLimits.tag, `A tag has at most ${annotationLimits.tag} characters`)
  .regex(/^[^\s,#][^,#]*$/u, 'A tag has no commas or # signs');
const tags = z
  .array(tagName)
  .max(annotationLimits.tags, `At most ${annotationLimits.tags} tags`)
  .transform((list) => [...new Set(list)]);

/** Where an annotation lives: a seminar's layer, or the author's private notes on the document. */
export const annotationTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group'), groupId: id }).strict(),
  z.object({ type: z.literal('private') }).strict(),
]);

/** An absolute IRI of bounded length: the id another tool gave a Web Annotation. */
const w3cVia = z.url({ error: 'An annotation’s id must be an absolute IRI' }).max(annotationLimits.w3cVia, `An annotation’s id has at most ${annotationLimits.w3cVia} characters`);

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), commandId: id, ...shape }).strict();

export const commandSchema = z.discriminatedUnion('type', [
  command('annotation.create', {
    annotationId: id,
    target: annotationTargetSchema,
    documentId: z.string().min(1).max(200),
    kind: z.enum(annotationKinds),
    selectors: selectorsSchema,
    body: body.default(''),
    tags: tags.default([]),
    /** The id a W3C Protocol client gave it (server/routes/annotation-service.ts), kept as its `via`. */
    via: w3cVia.optional(),
  }),
  command('annotation.edit', { annotationId: id, body, kind: z.enum(annotationKinds).optional() }),
  command('annotation.tag', { annotationId: id, tags }),
  command('annotation.resolve', { annotationId: id }),
  command('annotation.reopen', { annotationId: id }),
  command('annotation.hide', { annotationId: id }),
  command('annotation.unhide', { annotationId: id }),
  command('annotation.delete', { annotationId: id }),
  /** Attaches an annotation (an orphan, say) to another passage of the document. */
  command('annotation.reanchor', { annotationId: id, selectors: selectorsSchema }),
  command('reply.create', { replyId: id, annotationId: id, parentId: id.nullable().default(null), body: body.min(1, 'A reply needs some text'), via: w3cVia.optional() }),
  command('reply.edit', { replyId: id, body: body.min(1, 'A reply needs some text') }),
  command('reply.hide', { replyId: id }),
  command('reply.unhide', { replyId: id }),
  command('reply.delete', { replyId: id }),
]);

export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

/** What a command is acknowledged with: the record as it now stands, or why it was refused. */
export type CommandResult =
  | { ok: true; annotation?: AnnotationRecord; reply?: ReplyRecord }
  /** `status`: the HTTP status REST answers the same refusal with. */
  | { ok: false; error: string; message: string; status: number };

