/**
 * This reader's presence on a room's awareness, and what the others' entries say: who is here
 * (avatars), their live selections, whose thread they are replying to.
 */
import type { RoomHandle } from '../services/room.ts';
import type { Author } from '../store/annotations.ts';
import { colorOf, readersOf, renderAvatars, safeColor, type PresenceState, type Reader } from './presence.ts';
import type { RemoteSelection } from '../document/highlights.ts';

export interface PresenceSession {
  /** Sets this reader's entry on the room's (current) awareness; again after the room is replaced. */
  start(): void;
  set(field: 'selection' | 'replying' | 'presenting' | 'following', value: unknown): void;
  /** The other connections' entries (other people, and this person's other tabs). */
  others(): Reader[];
  replyingTo(annotationId: string): string[];
  remoteSelections(): RemoteSelection[];
}

export function createPresenceSession(room: () => RoomHandle, me: Author, listeners: { onAvatars(element: HTMLElement): void; onOthersChanged(): void }): PresenceSession {
  const readers = (): Reader[] => readersOf(room().awareness().getStates() as Map<number, Record<string, unknown>>);
  return {
    start() {
      const awareness = room().awareness();
      const state: PresenceState = { user: { id: me.id, name: me.name, color: colorOf(me.id) }, selection: null, replying: null };
      awareness.setLocalState(state);
      awareness.on('change', (_changes: unknown, origin: unknown) => {
        listeners.onAvatars(renderAvatars(readers(), me.id));
        // This reader's own selection or typing changes nothing in their own margin.
        if (origin !== 'local') listeners.onOthersChanged();
      });
    },
    set(field, value) {
      const awareness = room().awareness();
      const current = awareness.getLocalState() as Record<string, unknown> | null;
      if (current && JSON.stringify(current[field] ?? null) === JSON.stringify(value)) return;
      awareness.setLocalStateField(field, value);
    },
    others() {
      const ownId = room().awareness().clientID;
      return readers().filter((reader) => reader.clientId !== ownId);
    },
    replyingTo: (annotationId) =>
      readers()
        .filter((reader) => reader.state.replying === annotationId && reader.state.user.id !== me.id)
        .map((reader) => reader.state.user.name),
    remoteSelections() {
      const ownId = room().awareness().clientID;
      return readers()
        .filter((reader) => reader.clientId !== ownId && reader.state.selection)
        .map((reader) => ({ ...(reader.state.selection as { start: number; end: number }), color: safeColor(reader.state.user.color), name: reader.state.user.name }));
    },
  };
}
