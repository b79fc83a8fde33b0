/**
 * Relaying presence (y-protocols awareness) without flooding a lecture hall. Every client renews its
 * state every few seconds; relayed one by one to everyone, a thousand clients make a million messages
 * a renewal period. Here changes are batched per short window into one message, and a renewal that
 * changes nothing is relayed only as often as other clients need to keep the entry alive.
 */
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';

/** How long changes gather before one message carries them. */
const batchWindowMs = 50;
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

  const flush = () => {
    timer = null;
    if (pending.size === 0) return;
    const clients = [...pending];
    pending.clear();
    const now = Date.now();
    for (const client of clients) lastRelayed.set(client, now);
    broadcast(encodeAwarenessUpdate(awareness, clients));
  };
  const schedule = (clients: number[]) => {
    for (const client of clients) pending.add(client);
    timer ??= setTimeout(flush, batchWindowMs);
  };

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    for (const client of removed) lastRelayed.delete(client);
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
