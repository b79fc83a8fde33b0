/** socket.io rooms and events both sides agree on. Only the server emits entity events. */
import type { CommandResult } from './annotations.ts';
import type { ActivityItem, NotificationRecord } from './notifications.ts';
import type { ImportProgress } from './library-import.ts';
import type { TagVocabulary } from './tag-vocabulary.ts';

export const userRoom = (userId: string) => `user:${userId}`;
export const groupRoom = (groupId: string) => `group:${groupId}`;

/** Who in a group has at least one connection open now (several tabs count once). */
export interface GroupPresence {
  groupId: string;
  userIds: string[];
}

export interface ServerToClientEvents {
  'group:presence': (presence: GroupPresence) => void;
  /** This user was removed from (or left) a group: its pages should stop showing it. */
  'group:removed': (event: { groupId: string }) => void;
  /** Members' roles or the group's documents changed. */
  'group:updated': (event: { groupId: string }) => void;
  /** Something was written in one of the user's groups (shared/notifications.ts). */
  /** A batch of commands' activity in one group, in the order they committed. */
  activity: (items: ActivityItem[]) => void;
  /** A new notification for this user; `unread` is their inbox's new count. */
  notification: (event: { notification: NotificationRecord; unread: number }) => void;
  /** This user joined a group (from another tab, say). */
  'group:joined': (event: { groupId: string }) => void;
  /** One more document of this administrator's upload is done (shared/library-import.ts). */
  'import.progress': (progress: ImportProgress) => void;
  /** The group's tag vocabulary as it now stands, after a moderator or the owner changed it. */
  'group:tags': (vocabulary: TagVocabulary) => void;
}

export interface ClientToServerEvents {
  /** An annotation command (shared/annotations.ts); acknowledged after it is committed, or refused. */
  command: (command: unknown, ack: (result: CommandResult) => void) => void;
}
