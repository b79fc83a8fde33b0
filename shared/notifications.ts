/**
 * Notifications and the activity feed, as both sides see them. A mention in a body is a Markdown link
 * `[@Name](mention:<userId>)`, which the composer writes when a member is picked.
 */
import type { EventAction } from './annotations.ts';

export type NotificationKind = 'reply' | 'mention' | 'hidden';

export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  actor: { id: string; name: string };
  groupId: string;
  documentId: string;
  annotationId: string;
  replyId: string | null;
  /** The first words of what was written (or of the passage, for a hidden annotation). */
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

/** One line of a group's live activity: "Ana annotated p. 289: 'Emigration he can do…'". */
export interface ActivityItem {
  groupId: string;
  documentId: string;
  annotationId: string;
  replyId: string | null;
  action: EventAction;
  /** Whether the change was to a reply rather than to the annotation itself. */
  isReply: boolean;
  actor: { id: string; name: string };
  /** The annotated passage's start in the canonical text, for its printed page. */
  offset: number;
  quote: string;
  at: string;
}

const mentionPattern = /\]\(mention:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)/g;

/** The user ids a body mentions, once each. */
export function mentionedUserIds(body: string): string[] {
  return [...new Set([...body.matchAll(mentionPattern)].map((match) => match[1]!))];
}

export const excerptOf = (text: string, length = 80) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);
