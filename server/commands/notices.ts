/**
 * What a committed command tells people: notifications (a reply to what you wrote, a mention of you,
 * your annotation hidden by a moderator) written in the command's transaction, and a line for the
 * group's activity feed. Only group layers make notices; nobody is notified of their own action or
 * of a group they are not in.
 */
import type { Command, CommandResult, EventAction } from '../../shared/annotations.ts';
import { excerptOf, mentionedUserIds, type ActivityItem, type NotificationKind } from '../../shared/notifications.ts';
import type { Queryable } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { findAnnotation, type AnnotationRow } from '../repos/annotations.ts';
import { findRole } from '../repos/groups.ts';
import { insertNotification, type NotificationRow } from '../repos/notifications.ts';
import { findReply } from '../repos/replies.ts';
import { findUserById } from '../repos/users.ts';

export interface Notices {
  notifications: NotificationRow[];
  activity: ActivityItem | null;
}

const actionOf: Record<Command['type'], EventAction> = {
  'annotation.create': 'created',
  'annotation.edit': 'edited',
  'annotation.tag': 'tagged',
  'annotation.resolve': 'resolved',
  'annotation.reopen': 'reopened',
  'annotation.hide': 'hidden',
  'annotation.unhide': 'unhidden',
  'annotation.delete': 'deleted',
  'annotation.reanchor': 'reanchored',
  'reply.create': 'created',
  'reply.edit': 'edited',
  'reply.hide': 'hidden',
  'reply.unhide': 'unhidden',
  'reply.delete': 'deleted',
};

export async function collectNotices(
  tx: Queryable,
  actor: Extract<Actor, { type: 'user' }>,
  command: Command,
  result: Extract<CommandResult, { ok: true }>,
  previousBody: string | null,
): Promise<Notices> {
  // An annotation command's result says where the annotation lives; a reply's must look it up.
  const annotation: Annotated | null = result.annotation ?? (await findAnnotation(tx, result.reply!.annotationId));
  if (!annotation || annotation.groupId === null) return { notifications: [], activity: null }; // private notes
  const groupId = annotation.groupId;
  const reply = result.reply ?? null;

  const recipients = new Map<string, NotificationKind>();
  const add = (userId: string | null | undefined, kind: NotificationKind) => {
    if (userId && userId !== actor.id && !recipients.has(userId)) recipients.set(userId, kind);
  };
  if (command.type === 'reply.create') {
    add(annotation.authorId, 'reply');
    if (command.parentId) add((await findReply(tx, command.parentId))?.authorId, 'reply');
  }
  if (command.type === 'annotation.hide') add(annotation.authorId, 'hidden');
  if (command.type === 'reply.hide' && reply) add(reply.authorId, 'hidden');
  const writtenBody = command.type === 'annotation.create' || command.type === 'annotation.edit' || command.type === 'reply.create' || command.type === 'reply.edit' ? command.body : null;
  if (writtenBody !== null) {
    const before = new Set(previousBody ? mentionedUserIds(previousBody) : []);
    for (const userId of mentionedUserIds(writtenBody)) if (!before.has(userId)) add(userId, 'mention');
  }

  const notifications: NotificationRow[] = [];
  for (const [userId, kind] of recipients) {
    if ((await findRole(tx, groupId, userId)) === null) continue; // not (or no longer) in the group
    notifications.push(
      await insertNotification(tx, {
        userId,
        kind,
        actorId: actor.id,
        groupId,
        documentId: annotation.documentId,
        annotationId: annotation.id,
        replyId: reply?.id ?? null,
        excerpt: excerptOf(kind === 'hidden' ? annotation.selectors.quote.exact : (writtenBody ?? annotation.selectors.quote.exact)),
      }),
    );
  }
  const actorName =
    result.annotation?.authorId === actor.id ? result.annotation.authorName : reply?.authorId === actor.id ? reply.authorName : ((await findUserById(tx, actor.id))?.displayName ?? '');
  return { notifications, activity: activityOf({ id: actor.id, name: actorName }, command, annotation, reply?.id ?? null) };
}

/** What notices need of an annotation: a row and a record both have it. */
type Annotated = Pick<AnnotationRow, 'id' | 'groupId' | 'documentId' | 'authorId' | 'selectors'>;

function activityOf(actor: { id: string; name: string }, command: Command, annotation: Annotated, replyId: string | null): ActivityItem {
  return {
    groupId: annotation.groupId!,
    documentId: annotation.documentId,
    annotationId: annotation.id,
    replyId,
    action: actionOf[command.type],
    isReply: command.type.startsWith('reply.'),
    actor,
    offset: annotation.selectors.position.start,
    quote: excerptOf(annotation.selectors.quote.exact, 60),
    at: new Date().toISOString(),
  };
}
