/**
 * Yjs rooms: their names, the shape of their Y.Doc, and the named codes a room closes a connection
 * with. A room is a group's layer on a document, one person's private notes on it, or a group's
 * commentary on a document (the one room clients write: see docs/commentary.md).
 */
export type RoomName =
  | { type: 'group'; groupId: string; documentId: string }
  | { type: 'private'; userId: string; documentId: string }
  | { type: 'commentary'; groupId: string; documentId: string };

/** The rooms that hold annotation records, written by the server only. */
export type AnnotationRoomName = Exclude<RoomName, { type: 'commentary' }>;

/** The path under which rooms are served: `/yjs/<room name>`. */
export const yjsPathPrefix = '/yjs/';

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const documentId = '[a-z0-9][a-z0-9-]{0,79}';
const pattern = new RegExp(`^(group|private|commentary)/(${uuid})/(${documentId})$`);

export function roomNameOf(room: RoomName): string {
  return room.type === 'private' ? `private/${room.userId}/${room.documentId}` : `${room.type}/${room.groupId}/${room.documentId}`;
}

/** The room a name stands for, or null when it names none. */
export function parseRoomName(name: string): RoomName | null {
  const match = pattern.exec(name);
  if (!match) return null;
  const [, type, owner, document] = match as unknown as [string, RoomName['type'], string, string];
  return type === 'private' ? { type, userId: owner, documentId: document } : { type, groupId: owner, documentId: document };
}

/** The one top-level type of a commentary room's Y.Doc: the notebook, edited with y-prosemirror. */
export const commentaryFragment = 'commentary';

/**
 * The largest update a member may send a commentary room at once: a long paste, or what a client
 * typed while it was offline, offered back on reconnect (sync step 2).
 */
export const maxCommentaryUpdateBytes = 1024 * 1024;

/** The top-level types of an annotation room's Y.Doc: flat maps of plain JSON records by id. */
export const roomMaps = {
  annotations: 'annotations',
  replies: 'replies',
  /** One key per build of the room (see `epochKey`). */
  meta: 'meta',
} as const;

/**
 * Each build of a room (when it opens, e.g. after a restart) sets a new key `epoch:<uuid>` in its
 * meta map. A client holding a copy from an earlier build ends up with two such keys after syncing
 * (map keys, unlike values, do not overwrite each other): it must drop its copy and sync afresh.
 */
export const epochKey = (epoch: string) => `epoch:${epoch}`;

export function isStaleCopy(metaKeys: Iterable<string>): boolean {
  let epochs = 0;
  for (const key of metaKeys) if (key.startsWith('epoch:')) epochs += 1;
  return epochs > 1;
}

/** Why a room closed a connection (WebSocket close codes 4000–4999 are the application's). */
export const closeCodes = {
  readOnly: { code: 4403, reason: 'read-only: annotation rooms are written through commands' },
  foreignAwareness: { code: 4409, reason: 'awareness may only set this connection’s own entry' },
  invalidMessage: { code: 4400, reason: 'the message could not be decoded' },
  messageTooLarge: { code: 4413, reason: 'the message is too large' },
  unavailable: { code: 4503, reason: 'the room could not be loaded; try again' },
  accessRevoked: { code: 4401, reason: 'you may no longer read this room' },
  sessionEnded: { code: 4411, reason: 'your session ended; sign in again' },
  documentRevised: { code: 4410, reason: 'a new version of this document was imported; reload to read it' },
  commentaryReadOnly: { code: 4406, reason: 'read-only: observers read the commentary, members write it' },
  foreignRootType: { code: 4422, reason: 'the update writes outside the commentary' },
  malformedCommentary: { code: 4423, reason: 'the update would make the commentary something its editor cannot read' },
  updateNotStored: { code: 4507, reason: 'your change could not be stored; reconnecting sends it again' },
} as const;

/** The largest message a client may send a room (sync requests are small; awareness is bounded by entry). */
export const maxClientMessageBytes = 64 * 1024;

/** The largest presence state one client may publish: a name, a colour, a selection, a few flags. */
export const maxAwarenessStateBytes = 8 * 1024;
