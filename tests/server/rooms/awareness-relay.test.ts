import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { clientIntervalMs, createAwarenessRelay, type AwarenessRelay } from '../../../server/rooms/awareness-relay.ts';

/** The relay between real y-protocols awareness instances: clients send to it, a peer receives what it relays. */
describe('awareness relay: batching and bounding presence', () => {
  let relay: AwarenessRelay;
  let peer: Awareness;
  /** The client ids each relayed message named, in order. */
  let messages: number[][];
  const clients: Awareness[] = [];

  function client(): Awareness {
    const awareness = new Awareness(new Y.Doc());
    clients.push(awareness);
    // What the client's provider sends: its own entry, as it changes.
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      applyAwarenessUpdate(relay.awareness, encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]), 'connection');
    });
    return awareness;
  }

  beforeEach(() => {
    vi.useFakeTimers();
    messages = [];
    peer = new Awareness(new Y.Doc());
    peer.setLocalState(null);
    const server = new Awareness(new Y.Doc());
    server.setLocalState(null);
    relay = createAwarenessRelay(server, (update) => {
      const named: number[] = [];
      const listener = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => named.push(...added, ...updated, ...removed);
      peer.on('update', listener);
      applyAwarenessUpdate(peer, update, 'server');
      peer.off('update', listener);
      messages.push(named);
    });
  });
  afterEach(() => {
    relay.destroy();
    peer.destroy();
    for (const awareness of clients.splice(0)) awareness.destroy();
    vi.useRealTimers();
  });

  it('carries the changes of several clients in one short window as one message', () => {
    const [a, b, c] = [client(), client(), client()];
    a.setLocalState({ user: { name: 'Ana' } });
    b.setLocalState({ user: { name: 'Ben' } });
    c.setLocalState({ user: { name: 'Cleo' } });
    expect(messages).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.sort()).toEqual([a.clientID, b.clientID, c.clientID].sort());
    expect(peer.getStates().get(b.clientID)).toEqual({ user: { name: 'Ben' } });
  });

  it('relays a selection being dragged a few times a second, ending on its latest state', () => {
    const ana = client();
    ana.setLocalState({ user: { name: 'Ana' } });
    vi.advanceTimersByTime(60);
    messages = [];
    // Forty moves in one second: every 25 ms.
    for (let step = 0; step < 40; step += 1) {
      ana.setLocalStateField('selection', { anchor: 100, head: 100 + step });
      vi.advanceTimersByTime(25);
    }
    vi.advanceTimersByTime(clientIntervalMs + 60);
    const relayed = messages.filter((named) => named.includes(ana.clientID)).length;
    expect(relayed).toBeGreaterThanOrEqual(3);
    expect(relayed).toBeLessThanOrEqual(Math.ceil(1000 / clientIntervalMs) + 1);
    expect(peer.getStates().get(ana.clientID)).toEqual({ user: { name: 'Ana' }, selection: { anchor: 100, head: 139 } });
  });

  it('does not hold one client’s change back for another’s rate', () => {
    const [ana, ben] = [client(), client()];
    ana.setLocalState({ user: { name: 'Ana' } });
    vi.advanceTimersByTime(60);
    ana.setLocalStateField('selection', { anchor: 1, head: 2 }); // waits for Ana's interval
    ben.setLocalState({ user: { name: 'Ben' } }); // Ben has not been relayed yet: goes out in the next window
    vi.advanceTimersByTime(60);
    expect(messages.at(-1)).toEqual([ben.clientID]);
    vi.advanceTimersByTime(clientIntervalMs);
    expect(messages.at(-1)).toEqual([ana.clientID]);
  });

  it('sends a departure at once, even right after a change', () => {
    const ana = client();
    ana.setLocalState({ user: { name: 'Ana' } });
    vi.advanceTimersByTime(60);
    ana.setLocalStateField('selection', { anchor: 1, head: 2 });
    ana.setLocalState(null);
    vi.advanceTimersByTime(60);
    expect(messages).toHaveLength(2);
    expect(peer.getStates().has(ana.clientID)).toBe(false);
  });

  it('drops renewals that change nothing, yet often enough that the peer keeps the entry', () => {
    const ana = client();
    ana.setLocalState({ user: { name: 'Ana' } });
    vi.advanceTimersByTime(60);
    messages = [];
    // A hand-made client renewing every second for a minute (the provider renews every 15 s).
    for (let second = 0; second < 60; second += 1) {
      ana.setLocalState({ user: { name: 'Ana' } });
      vi.advanceTimersByTime(1000);
    }
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.length).toBeLessThanOrEqual(7);
    expect(peer.getStates().has(ana.clientID)).toBe(true); // peers forget an entry not renewed for 30 s
  });
});
