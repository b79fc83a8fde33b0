/**
 * One W3C annotation sent to the Protocol server (POST to create, PUT to replace) → what it means for
 * the layer, through the import's planner (collection-import.ts), so that an annotation is anchored
 * the same way whichever door it comes in by:
 * - an annotation of a passage: its kind, words, tags and our selectors for the passage found;
 * - a reply (motivation `replying`) whose target is a member of this container: a reply to that
 *   annotation, or to that reply within its thread;
 * - anything else is refused with the reason: 400 when it is no annotation, 422 when it cannot be
 *   placed (a passage not in the text, a reply to something outside the container).
 * The poster is the author, so no provenance line is added to the words.
 */
import { commandSchema, type AnnotationKind, type Command } from '../../shared/annotations.ts';
import type { Selectors } from '../../shared/selectors.ts';
import { HttpError, badRequest, commandConflict } from '../errors.ts';
import { planImport } from './collection-import.ts';
import type { Iris } from './iris.ts';

export type ProtocolWrite =
  | { type: 'annotation'; kind: AnnotationKind; body: string; tags: string[]; selectors: Selectors }
  /** `annotationId` the thread's annotation; `parentId` the reply answered, null at the top. */
  | { type: 'reply'; annotationId: string; parentId: string | null; body: string };

export interface ContainerMembers {
  /** Our id → the annotation whose thread it is in (itself for an annotation). */
  threadOf: ReadonlyMap<string, string>;
}

export const unplaceable = (reason: string) => new HttpError(422, 'annotation_unplaceable', `This annotation cannot be placed: ${reason}`);

export function planProtocolWrite(
  input: unknown,
  layer: { groupId: string; documentId: string; text: string },
  iris: Iris,
  members: ContainerMembers,
): ProtocolWrite {
  const memberIris = [...members.threadOf.keys()].map((id) => iris.annotation(id));
  const plan = planImport(input, layer.text, layer, { keepProvenance: false, alreadyPlaced: memberIris });
  if ('error' in plan) throw badRequest(plan.error);
  const [unplaced] = plan.unplaced;
  if (unplaced) throw unplaceable(unplaced.reason);
  const [annotation] = plan.annotations;
  if (annotation) {
    // The command's own schema checks what the planner took leniently: limits, tags' shape.
    const parsed = commandSchema.safeParse(annotation.command);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(`This annotation is not valid here: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown shape'}`);
    }
    if (parsed.data.type !== 'annotation.create') throw new Error('the planner made no create');
    const { kind, body, tags, selectors } = parsed.data;
    return { type: 'annotation', kind, body, tags, selectors };
  }
  const [reply] = plan.replies;
  const targetId = reply ? iris.memberId(reply.targetId) : null;
  const threadId = targetId === null ? undefined : members.threadOf.get(targetId);
  if (!reply || targetId === null || threadId === undefined) throw unplaceable('a reply must answer an annotation of this container');
  return { type: 'reply', annotationId: threadId, parentId: threadId === targetId ? null : targetId, body: reply.body };
}

/** What an item of the layer stands as in its row: what a PUT replaces. */
export type CurrentItem =
  | { type: 'annotation'; id: string; kind: AnnotationKind; body: string; tags: string[]; selectors: Selectors; isHidden: boolean }
  | { type: 'reply'; id: string; annotationId: string; parentId: string | null; body: string; isHidden: boolean };

/**
 * The commands that make `current` what `write` says, only for what changed: an annotation's words
 * and kind (annotation.edit), its tags (annotation.tag), its passage (annotation.reanchor); a reply's
 * words (reply.edit). What cannot change is a conflict with what the item is (409): an annotation
 * does not become a reply, nor a reply an annotation, and a reply stays in its thread.
 *
 * A hidden item is served without its words (the moderating notice stands in for them), so a PUT of
 * what was read comes back without them: no words then means "unchanged", never "erase them".
 */
export function replacementCommands(current: CurrentItem, read: ProtocolWrite, newCommandId: () => string): Command[] {
  const write = current.isHidden && read.body === '' ? { ...read, body: current.body } : read;
  if (current.type === 'reply') {
    if (write.type !== 'reply') throw commandConflict('A reply cannot become an annotation of a passage');
    if (write.annotationId !== current.annotationId || write.parentId !== current.parentId) throw commandConflict('A reply stays with what it answers: its target cannot change');
    return write.body === current.body ? [] : [{ type: 'reply.edit', commandId: newCommandId(), replyId: current.id, body: write.body }];
  }
  if (write.type !== 'annotation') throw commandConflict('An annotation of a passage cannot become a reply');
  const commands: Command[] = [];
  if (write.body !== current.body || write.kind !== current.kind) commands.push({ type: 'annotation.edit', commandId: newCommandId(), annotationId: current.id, body: write.body, kind: write.kind });
  if (write.tags.join('\n') !== current.tags.join('\n')) commands.push({ type: 'annotation.tag', commandId: newCommandId(), annotationId: current.id, tags: write.tags });
  const { start, end } = write.selectors.position;
  if (start !== current.selectors.position.start || end !== current.selectors.position.end) {
    commands.push({ type: 'annotation.reanchor', commandId: newCommandId(), annotationId: current.id, selectors: write.selectors });
  }
  return commands;
}
