/**
 * The annotations the page shows: the records of its rooms (the group's layer and the reader's
 * private notes), overlaid with what this person has done that the rooms do not show yet (commands
 * in the outbox, acknowledged records whose room update is still on its way), each anchored in the
 * document's canonical text. Anchoring goes through shared/anchoring.ts only; an annotation that
 * cannot be placed is an orphan, a value like any other.
 */
import type { AnnotationRecord, Command, ReplyRecord } from '../../shared/annotations.ts';
import { anchor, type Anchor } from '../../shared/anchoring.ts';
import type { Selectors } from '../../shared/selectors.ts';

export interface AnnotationItem {
  record: AnnotationRecord;
  anchor: Anchor;
  /** Written here and not yet acknowledged by the server. */
  isPending: boolean;
}

export interface ReplyItem {
  record: ReplyRecord;
  isPending: boolean;
}

export interface LayerView {
  /** Anchored annotations in document order, then orphans. */
  annotations: AnnotationItem[];
  byId: Map<string, AnnotationItem>;
  /** Replies by annotation, oldest first. */
  replies: Map<string, ReplyItem[]>;
  tags: string[];
}

export interface Author {
  id: string;
  name: string;
}

export interface LayerSources {
  text: string;
  me: Author | null;
  groupId: string | null;
  rooms(): { annotations: AnnotationRecord[]; replies: ReplyRecord[] }[];
  pending(): Command[];
  /** Records acknowledged by the server and not yet seen in a room. */
  acknowledged(): { annotations: AnnotationRecord[]; replies: ReplyRecord[] };
}

/**
 * Items of records that are not pending, by record: a room hands out the same record objects until
 * it replaces them, so a layer rebuilt after one change reuses the items of all the others.
 */
const settledItems = new WeakMap<AnnotationRecord, AnnotationItem>();
const settledReplies = new WeakMap<ReplyRecord, ReplyItem>();

/**
 * The threads of the last build whose replies were the rooms' alone, and the rooms' reply arrays they
 * came from: a room hands out the same array until its replies change, so a change to the
 * annotations alone (a new card) reuses the threads instead of regrouping thousands of replies.
 */
let lastThreads: { sources: ReplyRecord[][]; threads: Map<string, ReplyItem[]> } | null = null;

/**
 * Each annotation's anchor, kept across renders with the selectors it was made from: anchoring is
 * the costly part of a build, and an annotation is anchored again only when its selectors change
 * (re-attached, or a replayed moment before they did).
 */
export type AnchorCache = Map<string, { selectors: Selectors; anchor: Anchor }>;

export function buildLayer(sources: LayerSources, anchors: AnchorCache): LayerView {
  const annotations = new Map<string, AnnotationItem>();
  const replies = new Map<string, ReplyItem>();
  const rooms = sources.rooms();
  const acknowledged = sources.acknowledged();
  const pending = sources.pending();
  const replySources = rooms.map((room) => room.replies);
  const isRoomsReplies = acknowledged.replies.length === 0 && !pending.some((command) => command.type.startsWith('reply.'));
  const reusable = isRoomsReplies && lastThreads && sameArrays(lastThreads.sources, replySources) ? lastThreads.threads : null;
  const place = (record: AnnotationRecord, isPending: boolean) => {
    let kept = anchors.get(record.id);
    if (!kept || !isSameSelectors(kept.selectors, record.selectors)) {
      kept = { selectors: record.selectors, anchor: anchor(sources.text, record.selectors) };
      anchors.set(record.id, kept);
    }
    const found = kept.anchor;
    const settled = isPending ? undefined : settledItems.get(record);
    annotations.set(record.id, settled?.anchor === found ? settled : { record, anchor: found, isPending });
    if (!isPending && settled?.anchor !== found) settledItems.set(record, annotations.get(record.id) as AnnotationItem);
  };
  const settledReply = (record: ReplyRecord): ReplyItem => {
    let item = settledReplies.get(record);
    if (!item) {
      item = { record, isPending: false };
      settledReplies.set(record, item);
    }
    return item;
  };

  for (const room of rooms) {
    for (const record of room.annotations) place(record, false);
    if (!reusable) for (const record of room.replies) replies.set(record.id, settledReply(record));
  }
  // Newer than what the rooms show (the caller keeps only those): the acknowledgement came first.
  for (const record of acknowledged.annotations) place(record, false);
  for (const record of acknowledged.replies) replies.set(record.id, settledReply(record));

  const me = sources.me ?? { id: 'me', name: 'You' };
  for (const command of pending) {
    switch (command.type) {
      case 'annotation.create':
        if (!annotations.has(command.annotationId)) {
          place(
            pendingRecord(command, () => ({
              id: command.annotationId,
              documentId: command.documentId,
              groupId: command.target.type === 'group' ? command.target.groupId : null,
              visibility: command.target.type === 'group' ? 'group' : 'private',
              kind: command.kind,
              selectors: command.selectors,
              body: command.body,
              tags: command.tags,
              status: 'open',
              isHidden: false,
              isDeleted: false,
              authorId: me.id,
              authorName: me.name,
              createdAt: now(),
              updatedAt: now(),
            })),
            true,
          );
        }
        break;
      case 'reply.create':
        if (!replies.has(command.replyId)) {
          replies.set(command.replyId, {
            record: pendingRecord(command, () => ({ id: command.replyId, annotationId: command.annotationId, parentId: command.parentId, body: command.body, isHidden: false, isDeleted: false, authorId: me.id, authorName: me.name, createdAt: now(), updatedAt: now() })),
            isPending: true,
          });
        }
        break;
      default:
        overlay(command, annotations, replies);
    }
  }

  const threads = reusable ?? threadsOf(replies);
  lastThreads = isRoomsReplies ? { sources: replySources, threads } : null;
  // A deleted annotation stays only as the placeholder of a thread that has replies.
  const ordered = [...annotations.values()].filter((item) => !item.record.isDeleted || threads.has(item.record.id)).sort(byPlace);
  const tags = [...new Set(ordered.flatMap((item) => item.record.tags))].sort((a, b) => a.localeCompare(b));
  return { annotations: ordered, byId: annotations, replies: threads, tags };
}

/** Grouped first, then each thread sorted: many short sorts instead of one long one. */
function threadsOf(replies: Map<string, ReplyItem>): Map<string, ReplyItem[]> {
  const threads = new Map<string, ReplyItem[]>();
  for (const reply of replies.values()) {
    const list = threads.get(reply.record.annotationId);
    if (list) list.push(reply);
    else threads.set(reply.record.annotationId, [reply]);
  }
  for (const list of threads.values()) if (list.length > 1) list.sort((a, b) => compareTimes(a.record.createdAt, b.record.createdAt));
  return threads;
}

function sameArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The record a pending creation shows, made once per command: the same object on every build, so the
 * margin sees an unchanged card (and its time stays the moment it was written).
 */
const pendingRecords = new WeakMap<Command, AnnotationRecord | ReplyRecord>();
function pendingRecord<T extends AnnotationRecord | ReplyRecord>(command: Command, make: () => T): T {
  let record = pendingRecords.get(command) as T | undefined;
  if (!record) {
    record = make();
    pendingRecords.set(command, record);
  }
  return record;
}

const now = () => new Date().toISOString();

/** A pending change to an existing record, shown at once. */
function overlay(command: Command, annotations: Map<string, AnnotationItem>, replies: Map<string, ReplyItem>): void {
  if ('annotationId' in command && command.type.startsWith('annotation.')) {
    const item = annotations.get(command.annotationId);
    if (!item) return;
    const record = { ...item.record };
    if (command.type === 'annotation.edit') {
      record.body = command.body;
      if (command.kind) record.kind = command.kind;
    } else if (command.type === 'annotation.tag') record.tags = command.tags;
    else if (command.type === 'annotation.resolve') record.status = 'resolved';
    else if (command.type === 'annotation.reopen') record.status = 'open';
    else if (command.type === 'annotation.hide') record.isHidden = true;
    else if (command.type === 'annotation.unhide') record.isHidden = false;
    else if (command.type === 'annotation.delete') record.isDeleted = true;
    annotations.set(record.id, { ...item, record, isPending: true });
  } else if ('replyId' in command) {
    const item = replies.get(command.replyId);
    if (!item) return;
    const record = { ...item.record };
    if (command.type === 'reply.edit') record.body = command.body;
    else if (command.type === 'reply.delete') record.isDeleted = true;
    else if (command.type === 'reply.hide') record.isHidden = true;
    else if (command.type === 'reply.unhide') record.isHidden = false;
    replies.set(record.id, { ...item, record, isPending: true });
  }
}

function byPlace(a: AnnotationItem, b: AnnotationItem): number {
  const aStart = a.anchor.type === 'anchored' ? a.anchor.start : Infinity;
  const bStart = b.anchor.type === 'anchored' ? b.anchor.start : Infinity;
  if (aStart !== bStart) return aStart < bStart ? -1 : 1;
  return compareTimes(a.record.createdAt, b.record.createdAt);
}

/**
 * ISO 8601 times of one format sort as plain strings; `localeCompare` gives the same order at many
 * times the cost, which a layer of thousands of replies pays on every change.
 */
function compareTimes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A room hands out the same record objects until it replaces one: identity settles most calls. */
function isSameSelectors(a: Selectors, b: Selectors): boolean {
  if (a === b) return true;
  return (
    a.position.start === b.position.start &&
    a.position.end === b.position.end &&
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix
  );
}
