/** What the margin's parts need from the page: who is reading, what they may do, and how to act. */
import type { Command } from '../../shared/annotations.ts';
import type { Role } from '../../shared/accounts.ts';
import type { TagVocabulary } from '../../shared/tag-vocabulary.ts';
import type { CommandOutcome } from '../services/command-queue.ts';
import type { AnnotationItem, Author } from '../store/annotations.ts';

export interface MarginContext {
  me: Author | null;
  role: Role | null;
  groupId: string | null;
  documentId: string;
  submit(command: Command): Promise<CommandOutcome>;
  focus(annotationId: string | null, options?: { scroll?: boolean; focusCard?: boolean }): void;
  cite(item: AnnotationItem): string;
  /** Cites the annotation in the seminar's commentary (client/commentary/); absent without one. */
  citeInCommentary?: (item: AnnotationItem) => void;
  /** Tells the others (awareness) that this person is writing a reply to `annotationId`, or stopped. */
  setReplying(annotationId: string | null): void;
  /** Names of the others replying to each annotation. */
  replyingTo(annotationId: string): string[];
  /** The group's tags, for suggestions. */
  knownTags(): string[];
  /** The seminar's tag vocabulary, once loaded; null on the plain reader. */
  vocabulary(): TagVocabulary | null;
  /** The body of a hidden annotation, for its author and moderators. */
  revealHidden(annotationId: string): Promise<string | null>;
  /** Opens the annotation's revisions (client/history/history-panel.ts). */
  openHistory(item: AnnotationItem): void;
  /** Whether the margin shows a past layer (replay): read-only, no commands. */
  isReplaying(): boolean;
}

export const canWrite = (context: MarginContext) => !context.isReplaying() && context.me !== null && context.role !== null && context.role !== 'observer';
export const isModerator = (context: MarginContext) => context.role === 'owner' || context.role === 'moderator';
export const isMine = (context: MarginContext, authorId: string) => context.me?.id === authorId;

export const kindLabels: Record<string, string> = { comment: 'Comment', question: 'Question', correction: 'Correction', highlight: 'Highlight' };

// One formatter for every card: toLocaleString with options builds a new one per call, which a
// margin of a thousand cards pays for on every render.
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function timeLabel(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}
