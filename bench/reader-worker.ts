/**
 * A share of the readers, in a child process: official y-websocket providers on one room, each with
 * its own Y.Doc and WebSocket, as browsers would have them. Each reader notes when it first holds each
 * record (an `add` on the `annotations` map), on the run's shared clock; the parent collects the
 * times. With presence on, every reader names itself in awareness and moves its selection now and
 * then, stamping the move with the clock, so that a few sampling readers can tell how old the
 * presence they see is.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { serveParent } from './child-process.ts';
import { now, sleep } from './clock.ts';

export interface OpenReaders {
  url: string;
  roomName: string;
  /** Session cookies to use in turn (none for the reference relay). */
  cookies: string[];
  count: number;
  /** A number for the readers' names, unique across workers. */
  firstIndex: number;
  timeoutMs: number;
}

export interface PresenceOptions {
  on: boolean;
  /** Each reader moves its selection after a random wait of 0.4–1.6 times this. */
  meanIntervalMs: number;
  /** How many of this worker's readers sample the others' presence. */
  samplers: number;
  /**
   * Send only this reader's own awareness entry. The official provider sends every awareness change
   * it sees, remote ones included, back to the server (which skips those echoes unread); this filter
   * shows what presence costs without them.
   */
  ownAwarenessOnly: boolean;
}

interface Reader {
  doc: Y.Doc;
  provider: WebsocketProvider;
  timer: NodeJS.Timeout | null;
}

// Each provider listens for the process's exit; a few hundred of them are expected here.
process.setMaxListeners(0);

const readers: Reader[] = [];
let recording = false;
let seen = new Map<string, number[]>();
let presenceAges: number[] = [];
let presenceSince = Number.POSITIVE_INFINITY;
let presenceOn = false;
/** Connections the server closed, by close code: a reader that is thrown out misses records. */
let closes = new Map<number, number>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function socketClass(cookie: string | undefined): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: cookie ? { cookie } : {} });
    }
  } as unknown as typeof globalThis.WebSocket;
}

function openReader(options: OpenReaders, index: number): Reader {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${options.url.replace(/^http/, 'ws')}/yjs`, options.roomName, doc, {
    WebSocketPolyfill: socketClass(options.cookies.length > 0 ? options.cookies[index % options.cookies.length] : undefined),
    disableBc: true,
  });
  // Presence is off until the presence phase turns it on (set before the socket opens).
  provider.awareness.setLocalState(null);
  provider.on('connection-close', (event) => {
    if (event) closes.set(event.code, (closes.get(event.code) ?? 0) + 1);
  });
  doc.getMap('annotations').observe((event) => {
    if (!recording) return;
    const at = now();
    for (const [key, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      let times = seen.get(key);
      if (!times) seen.set(key, (times = []));
      times.push(at);
    }
  });
  return { doc, provider, timer: null };
}

async function open(options: OpenReaders): Promise<{ synced: number }> {
  const started = readers.length;
  for (let i = 0; i < options.count; i += 1) {
    readers.push(openReader(options, options.firstIndex + i));
    if (i % 20 === 19) await sleep(20); // a gentle ramp, not a thundering herd
  }
  const deadline = Date.now() + options.timeoutMs;
  const mine = readers.slice(started);
  while (Date.now() < deadline && mine.some((r) => !r.provider.synced)) await sleep(100);
  return { synced: mine.filter((r) => r.provider.synced).length };
}

function startRecording(): void {
  seen = new Map();
  recording = true;
  loopDelay.reset();
}

function progress(): { pairs: number } {
  let pairs = 0;
  for (const times of seen.values()) pairs += times.length;
  return { pairs };
}

function collect(): { seen: [string, number[]][]; closes: [number, number][]; loopDelayP99Ms: number; loopDelayMaxMs: number } {
  recording = false;
  const closed = [...closes];
  closes = new Map();
  return { seen: [...seen], closes: closed, loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6 };
}

function moveSelection(reader: Reader, index: number, options: PresenceOptions): void {
  reader.timer = setTimeout(() => {
    if (!presenceOn) return;
    const anchor = Math.floor(Math.random() * 5000);
    reader.provider.awareness.setLocalStateField('selection', { anchor, head: anchor + Math.floor(Math.random() * 80), at: now() });
    moveSelection(reader, index, options);
  }, options.meanIntervalMs * (0.4 + Math.random() * 1.2));
}

function presence(options: PresenceOptions & { firstIndex: number }): void {
  presenceOn = options.on;
  if (!options.on) {
    for (const reader of readers) {
      if (reader.timer) clearTimeout(reader.timer);
      reader.timer = null;
    }
    return;
  }
  presenceAges = [];
  presenceSince = now();
  if (options.ownAwarenessOnly) for (const reader of readers) sendOwnAwarenessOnly(reader);
  readers.forEach((reader, i) => {
    reader.provider.awareness.setLocalState({ user: { name: `Reader ${options.firstIndex + i}`, color: '#8a5a00' } });
    moveSelection(reader, i, options);
  });
  for (const reader of readers.slice(0, options.samplers)) {
    const ownId = reader.doc.clientID;
    const lastSeen = new Map<number, number>();
    reader.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      const at = now();
      for (const id of [...added, ...updated]) {
        if (id === ownId) continue;
        const stamp = (reader.provider.awareness.getStates().get(id) as { selection?: { at?: number } } | undefined)?.selection?.at;
        if (typeof stamp !== 'number' || stamp < presenceSince || lastSeen.get(id) === stamp) continue;
        lastSeen.set(id, stamp);
        presenceAges.push(at - stamp);
      }
    });
  }
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/** Replaces the provider's awareness handler by one that relays only local changes of its own entry. */
function sendOwnAwarenessOnly(reader: Reader): void {
  const provider = reader.provider as unknown as { _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void };
  const original = provider._awarenessUpdateHandler;
  const own = reader.doc.clientID;
  const mine = (ids: number[]) => ids.filter((id) => id === own);
  reader.provider.awareness.off('update', original);
  reader.provider.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => {
    const filtered = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    if (filtered.added.length + filtered.updated.length + filtered.removed.length > 0) original(filtered, origin);
  });
}

function presenceSamples(): { ages: number[] } {
  const ages = presenceAges;
  presenceAges = [];
  return { ages };
}

function closeAll(): void {
  presenceOn = false;
  for (const reader of readers.splice(0)) {
    if (reader.timer) clearTimeout(reader.timer);
    reader.provider.destroy();
    reader.doc.destroy();
  }
}

serveParent({ open, startRecording, progress, collect, presence, presenceSamples, close: closeAll }, async () => closeAll());
