/**
 * Relaying presence (y-protocols awareness) without flooding a lecture hall. Every client renews its
 * state every 15 s and moves its selection now and then; relayed one by one to everyone, a thousand
 * clients make a million messages a renewal period. Here changes are batched per short window into
 * one message, a client's changes are relayed at most a few times a second (a selection being dragged
 * reaches the others as its latest state, not as every step), and a renewal that changes nothing is
 * relayed only as often as other clients need to keep the entry alive.
 */
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';

/** How long changes gather before one message carries them. */
const batchWindowMs = 50;
/** A client's entry is relayed at most once per this; what it changes meanwhile goes out as one. */
export const clientIntervalMs = 250;
/** Renewals are relayed at most this often per client; peers forget an entry after 30 s. */
const renewalIntervalMs = 10_000;

export interface AwarenessRelay {
  awareness: Awareness;
  destroy(): void;
}

export function createAwarenessRelay(awareness: Awareness, broadcast: (update: Uint8Array) => void): AwarenessRelay {
  const pending = new Set<number>();
  const lastRelayed = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;

  /** When a pending client may next be relayed; a removal never waits. */
  const dueAt = (client: number) => (awareness.states.has(client) ? (lastRelayed.get(client) ?? -Infinity) + clientIntervalMs : -Infinity);

  const flush = () => {
    timer = null;
    const now = Date.now();
    const due = [...pending].filter((client) => dueAt(client) <= now);
    for (const client of due) {
      pending.delete(client);
      if (awareness.states.has(client)) lastRelayed.set(client, now);
      else lastRelayed.delete(client);
    }
    if (due.length > 0) broadcast(encodeAwarenessUpdate(awareness, due));
    if (pending.size > 0) {
      const next = Math.min(...[...pending].map(dueAt));
      timer = setTimeout(flush, Math.max(batchWindowMs, next - now));
    }
  };
  const schedule = (clients: number[]) => {
    for (const client of clients) pending.add(client);
    if (pending.size > 0) timer ??= setTimeout(flush, batchWindowMs);
  };

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    schedule([...added, ...updated, ...removed]);
  };
  const onUpdate = ({ updated }: { updated: number[] }) => {
    const now = Date.now();
    schedule(updated.filter((client) => now - (lastRelayed.get(client) ?? 0) >= renewalIntervalMs));
  };
  awareness.on('change', onChange);
  awareness.on('update', onUpdate);

  return {
    awareness,
    destroy() {
      if (timer) clearTimeout(timer);
      awareness.off('change', onChange);
      awareness.off('update', onUpdate);
      awareness.destroy();
    },
  };
}
