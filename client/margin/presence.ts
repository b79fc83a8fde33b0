/**
 * Presence through the room's awareness (relayed by the server, never stored): who has the document
 * open, in which colour, what they have selected, and whose reply they are writing. Each connection
 * sets only its own entry.
 */
import { el } from '../dom.ts';

export interface PresenceState {
  user: { id: string; name: string; color: string };
  selection: { start: number; end: number } | null;
  replying: string | null;
  /** Seminar mode (client/seminar/seminar-mode.ts): what a presenter shows, whom a member follows. */
  presenting?: unknown;
  following?: string | null;
}

export interface Reader {
  clientId: number;
  state: PresenceState;
}

// Dark enough for white initials (contrast ≥ 4.5:1), distinct enough for selections.
const palette = ['#9c3a26', '#245a94', '#236b45', '#6f3d91', '#7d5614', '#17696a', '#8f2d61', '#4a5719'];

export function colorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length] as string;
}

export function isPresenceState(value: unknown): value is PresenceState {
  if (typeof value !== 'object' || value === null) return false;
  const user = (value as { user?: unknown }).user;
  return typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string' && typeof (user as { name?: unknown }).name === 'string';
}

/** The readers of the room: one entry per connection, from the awareness states. */
export function readersOf(states: Map<number, Record<string, unknown>>): Reader[] {
  const readers: Reader[] = [];
  for (const [clientId, state] of states) if (isPresenceState(state)) readers.push({ clientId, state });
  return readers;
}

/** Avatars of the people here (several tabs of one person count once). */
export function renderAvatars(readers: Reader[], myId: string | null): HTMLElement {
  const people = new Map<string, PresenceState['user']>();
  for (const reader of readers) people.set(reader.state.user.id, reader.state.user);
  const list = el(
    'ul',
    { class: 'avatars', 'aria-label': 'Reading now' },
    ...[...people.values()].map((user) => {
      const initials = user.name
        .split(/\s+/)
        .map((part) => part[0] ?? '')
        .join('')
        .slice(0, 2)
        .toUpperCase();
      const avatar = el('li', { class: 'avatar', title: user.id === myId ? `${user.name} (you)` : user.name, 'data-user-id': user.id }, el('span', { 'aria-hidden': 'true' }, initials), el('span', { class: 'visually-hidden' }, user.id === myId ? `${user.name} (you)` : user.name));
      avatar.style.setProperty('--reader-color', safeColor(user.color));
      return avatar;
    }),
  );
  return list;
}

/** A colour from the wire, used in CSS only if it is a plain hex colour. */
export function safeColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color : '#786f5e';
}
