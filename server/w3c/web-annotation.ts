/**
 * One record of a layer (shared/annotations.ts) → one W3C Web Annotation.
 *
 * - An annotation's motivation is its kind's (`motivationOfKind`); its text is a Markdown
 *   `TextualBody` whose purpose is that motivation (a highlight's words are commenting: highlighting
 *   is no purpose for text), and each tag one `TextualBody` with purpose tagging.
 * - A reply is an annotation motivated by replying whose target is the IRI of what it answers: the
 *   reply it answers when it has a parent, else the annotation.
 * - The records come as the room shows them (server/presenters/annotations.ts): a hidden one without
 *   its body, which becomes a `moderating` notice in its place; a deleted placeholder (kept while
 *   replies answer it) without body or tags, so that those replies' targets still resolve.
 * - `via`: the id a W3C Protocol client gave it, when it came that way (kept, served back).
 * - The creator is a Person named as members see them, identified by an IRI of the user's id: never
 *   an email address.
 */
import { motivationOfKind, type AnnotationRecord, type ReplyRecord } from '../../shared/annotations.ts';
import type { Iris } from './iris.ts';
import { annotationContext, type Person, type TextualBody, type WebAnnotation } from './model.ts';
import { textTarget, type TextVersion } from './text-target.ts';

const hiddenNotice: TextualBody = { type: 'TextualBody', purpose: 'moderating', value: 'Hidden by a moderator.', format: 'text/plain' };

export function annotationToW3c(record: AnnotationRecord, iris: Iris, version: TextVersion, via?: string): WebAnnotation {
  const motivation = motivationOfKind[record.kind];
  const textPurpose = record.kind === 'highlight' ? 'commenting' : motivation;
  const body: TextualBody[] = [
    ...textBodies(record, textPurpose),
    ...record.tags.map((tag): TextualBody => ({ type: 'TextualBody', purpose: 'tagging', value: tag, format: 'text/plain' })),
  ];
  return { ...heading(record, iris.annotation(record.id), motivation, iris, via), ...(body.length > 0 ? { body } : {}), target: textTarget(version, record.selectors) };
}

export function replyToW3c(record: ReplyRecord, iris: Iris, via?: string): WebAnnotation {
  const body = textBodies(record, 'replying');
  const target = record.parentId === null ? iris.annotation(record.annotationId) : iris.reply(record.parentId);
  return { ...heading(record, iris.reply(record.id), 'replying', iris, via), ...(body.length > 0 ? { body } : {}), target };
}

type Written = Pick<AnnotationRecord, 'body' | 'isHidden' | 'isDeleted' | 'authorId' | 'authorName' | 'createdAt' | 'updatedAt'>;

/** The text as a body; a hidden text's notice; nothing for an empty or deleted one. */
function textBodies(record: Written, purpose: string): TextualBody[] {
  if (record.isDeleted) return [];
  // `body` is null for a hidden record the reader may not read: it must stay out, whatever is passed.
  if (record.isHidden) return [hiddenNotice];
  if (record.body === null || record.body.trim() === '') return [];
  return [{ type: 'TextualBody', purpose, value: record.body, format: 'text/markdown' }];
}

/** What every item opens with, in the order people read JSON-LD: context, id, type, then the rest. */
function heading(record: Written, id: string, motivation: string, iris: Iris, via: string | undefined): Omit<WebAnnotation, 'body' | 'target'> {
  const creator: Person = { id: iris.user(record.authorId), type: 'Person', name: record.authorName };
  return { '@context': annotationContext, id, ...(via ? { via } : {}), type: 'Annotation', motivation, created: record.createdAt, modified: record.updatedAt, creator };
}
