/**
 * What a card shows, kept beside the card so that a render rebuilds only the cards whose content
 * changed. Records from a room are the same objects from one render to the next until the room
 * replaces them, so most comparisons are one identity check; a collapsed card shows its thread only
 * as a count, so replies arriving under it change nothing else.
 */
import type { Role } from '../../shared/accounts.ts';
import type { AnnotationRecord } from '../../shared/annotations.ts';
import type { AnnotationItem, ReplyItem } from '../store/annotations.ts';
import type { CardState } from './card.ts';

export interface CardVersion {
  record: AnnotationRecord;
  isPending: boolean;
  isFocused: boolean;
  role: Role | null;
  isReplaying: boolean;
  /** The card's own state (editing, open form, notice, revealed text), as a string. */
  state: string;
  /** Collapsed: the count of live replies. Focused: the replies themselves. */
  liveReplies: number;
  replies: ReplyItem[] | null;
  /** Focused: who else is replying. */
  typing: string;
}

export interface CardVersionInput {
  item: AnnotationItem;
  replies: ReplyItem[];
  isFocused: boolean;
  role: Role | null;
  isReplaying: boolean;
  state: CardState;
  typing: string[];
}

export function cardVersionOf(input: CardVersionInput): CardVersion {
  const { item, replies, isFocused, state } = input;
  let liveReplies = 0;
  for (const reply of replies) if (!reply.record.isDeleted) liveReplies++;
  return {
    record: item.record,
    isPending: item.isPending,
    isFocused,
    role: input.role,
    isReplaying: input.isReplaying,
    state: `${state.isEditing} ${state.openForm} ${state.notice} ${state.hiddenBody}`,
    liveReplies,
    replies: isFocused ? replies : null,
    typing: isFocused ? input.typing.join('\n') : '',
  };
}

export function isSameCardVersion(a: CardVersion, b: CardVersion): boolean {
  return (
    a.isPending === b.isPending &&
    a.isFocused === b.isFocused &&
    a.role === b.role &&
    a.isReplaying === b.isReplaying &&
    a.state === b.state &&
    a.liveReplies === b.liveReplies &&
    a.typing === b.typing &&
    isSameRecord(a.record, b.record) &&
    isSameThread(a.replies, b.replies)
  );
}

/** The same object, or (a pending change re-made on each render) the same fields. */
function isSameRecord<T>(a: T, b: T): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function isSameThread(a: ReplyItem[] | null, b: ReplyItem[] | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  return a.every((reply, index) => {
    const other = b[index] as ReplyItem;
    return reply.isPending === other.isPending && isSameRecord(reply.record, other.record);
  });
}
