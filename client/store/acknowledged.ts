/**
 * Records the server acknowledged, shown until the room's copy catches up: the acknowledgement
 * often arrives before the room's update, and a card should not blink back to its old state.
 * An entry goes when its room holds the same or a later `updatedAt`; a change (not a creation)
 * also goes when the room no longer holds the record at all.
 */
import type { AnnotationRecord, Command, ReplyRecord } from '../../shared/annotations.ts';

interface Entry<T> {
  record: T;
  isCreate: boolean;
}

export interface AcknowledgedRecords {
  remember(command: Command, records: { annotation?: AnnotationRecord; reply?: ReplyRecord }): void;
  /** Drops what the rooms have caught up with; call before reading. */
  prune(rooms: { annotations: AnnotationRecord[]; replies: ReplyRecord[] }[]): void;
  current(): { annotations: AnnotationRecord[]; replies: ReplyRecord[] };
}

export function createAcknowledgedRecords(): AcknowledgedRecords {
  const annotations = new Map<string, Entry<AnnotationRecord>>();
  const replies = new Map<string, Entry<ReplyRecord>>();
  return {
    remember(command, records) {
      const isCreate = command.type === 'annotation.create' || command.type === 'reply.create';
      if (records.annotation) annotations.set(records.annotation.id, { record: records.annotation, isCreate });
      if (records.reply) replies.set(records.reply.id, { record: records.reply, isCreate });
    },
    prune(rooms) {
      prune(annotations, rooms.flatMap((room) => room.annotations));
      prune(replies, rooms.flatMap((room) => room.replies));
    },
    current: () => ({
      annotations: [...annotations.values()].map((entry) => entry.record),
      replies: [...replies.values()].map((entry) => entry.record),
    }),
  };
}

function prune<T extends { id: string; updatedAt: string }>(entries: Map<string, Entry<T>>, roomRecords: T[]): void {
  const inRoom = new Map(roomRecords.map((record) => [record.id, record]));
  for (const [id, entry] of entries) {
    const current = inRoom.get(id);
    if (current ? current.updatedAt >= entry.record.updatedAt : !entry.isCreate) entries.delete(id);
  }
}
