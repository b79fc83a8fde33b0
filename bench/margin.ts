/**
 * The margin benchmark of issue 5 ("Fast with a crowded margin"): the memo's group reader in headless
 * Chromium with 1,000 annotations and 5,000 replies in the room. It prints the time from navigation
 * start to the render with every highlight and card placed, the time from one more record's arrival
 * (its Yjs update on the page's WebSocket) to its card being placed, and the page's JS heap, each
 * next to its target. It passes or fails nothing.
 *
 * The room is filled through the command path (create and reply commands over socket.io from a
 * few members, as fast as acknowledgements come), so its rows are exactly what commands make.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/chromium.ts';
import { ensureClientBuilt } from '../server/client-build.ts';
import { sessionCookieName } from '../server/auth/session-tokens.ts';
import { startChild } from './child-process.ts';
import { sleep } from './clock.ts';
import { createCommand, openWriter, type CommandWriter } from './commands.ts';
import type { PreparedServer, ServerSetup } from './server-worker.ts';
import { mib, ms, summarize } from './stats.ts';
import { createBenchSchema, log } from './write-path.ts';

export interface MarginOptions {
  databaseUrl: string;
  annotations: number;
  replies: number;
  /** Members writing the room in parallel (the page's reader is the first). */
  writers: number;
  /** How many more records arrive one by one, each timed. */
  arrivals: number;
  /** Profile the page's CPU during the first render and during the arrivals, and print where the time goes. */
  profile: boolean;
}

export interface MarginResult {
  annotations: number;
  replies: number;
  fillSeconds: number;
  /** Navigation start → every card and highlight placed (page clock). */
  firstRenderMs: number;
  firstCardMs: number | null;
  domContentLoadedMs: number;
  arrivalMs: number[];
  /** The same, to the end of the frame the card was placed in (a task posted from the placement runs after it). */
  arrivalFrameMs: number[];
  heapUsed: number;
  heapUsedAfterGc: number;
  domNodes: number;
  highlightSpans: number;
}

const documentId = 'frus1981-88v41-d97';
const targets = { firstRenderMs: 1000, arrivalMs: 16, heapBytes: 100 * 1024 * 1024 };
const viewport = { width: 1440, height: 900 }; // wide enough for the side-by-side margin (62rem)

/**
 * Installed before the page's scripts: times Yjs messages that carry a watched annotation id, the
 * moment its card is placed in the margin, and the last DOM change (so the first full render's time
 * is the render's, not the poll's).
 */
function pageProbe(): void {
  const bench = {
    lastMutationAt: 0,
    firstCardAt: null as number | null,
    watch: null as string | null,
    arrivedAt: null as number | null,
    placedAt: null as number | null,
    frameDoneAt: null as number | null,
    /** Per room socket: when it was opened, connected, and received its largest message (the sync). */
    sockets: [] as { room: string; createdAt: number; openAt: number | null; syncAt: number | null; syncBytes: number }[],
  };
  (window as unknown as { __bench: typeof bench }).__bench = bench;
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/yjs')) return;
      const socket = { room: String(url).split('/yjs/')[1]?.split('/')[0] ?? '', createdAt: performance.now(), openAt: null as number | null, syncAt: null as number | null, syncBytes: 0 };
      bench.sockets.push(socket);
      this.addEventListener('open', () => (socket.openAt = performance.now()));
      this.addEventListener('message', (event: MessageEvent) => {
        const size = event.data instanceof ArrayBuffer ? event.data.byteLength : 0;
        if (size > socket.syncBytes) Object.assign(socket, { syncBytes: size, syncAt: performance.now() });
      });
      // Registered before the provider's onmessage: it runs first, on the update's arrival.
      this.addEventListener('message', (event: MessageEvent) => {
        if (bench.watch === null || bench.arrivedAt !== null || typeof event.data === 'string') return;
        const bytes = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : null;
        if (bytes && decoder.decode(bytes).includes(bench.watch)) bench.arrivedAt = performance.now();
      });
    }
  }
  window.WebSocket = ProbedWebSocket as typeof WebSocket;
  const observer = new MutationObserver(() => {
    const at = performance.now();
    bench.lastMutationAt = at;
    if (bench.firstCardAt === null && document.querySelector('.margin-cards > .card')) bench.firstCardAt = at;
    if (bench.watch !== null && bench.placedAt === null) {
      const card = document.querySelector<HTMLElement>(`.margin-cards > [data-annotation-id="${bench.watch}"]`);
      if (card && card.style.top !== '' && document.querySelector(`[data-annotations~="${bench.watch}"]`)) {
        bench.placedAt = at;
        setTimeout(() => (bench.frameDoneAt = performance.now()), 0);
      }
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] });
}

export async function runMargin(options: MarginOptions, cleanup: { add(fn: () => Promise<void>): void }): Promise<MarginResult> {
  const built = await ensureClientBuilt();
  if (built.built) log('client built');
  const schema = await createBenchSchema(options.databaseUrl, cleanup);
  const server = startChild('./server-worker.ts', 'server');
  cleanup.add(() => server.stop());
  const setup: ServerSetup = { databaseUrl: options.databaseUrl, schema, documentId, writers: options.writers, readerAccounts: 0 };
  const prepared = await server.call<PreparedServer>('start', setup, 300_000);
  log(`our server at ${prepared.url}; group ${prepared.groupId}; memo of ${prepared.text.length} characters`);

  const writers: CommandWriter[] = [];
  cleanup.add(async () => writers.forEach((writer) => writer.close()));
  for (const cookie of prepared.writerCookies) writers.push(await openWriter(prepared.url, cookie));
  const fillStarted = Date.now();
  const annotationIds = await fillRoom(prepared, writers, options);
  const fillSeconds = (Date.now() - fillStarted) / 1000;
  log(`room filled in ${fillSeconds.toFixed(1)} s: ${annotationIds.length} annotations, ${options.replies} replies`);
  // The page is opened on a quiet machine, as a reader would find it, not while PostgreSQL and the
  // server are still busy with the fill's aftermath (autovacuum, the writers' last messages).
  await sleep(3000);

  const browser: Browser = await launchChromium();
  cleanup.add(() => browser.close());
  const context = await browser.newContext({ viewport });
  const [name, value] = prepared.writerCookies[0]!.split('=', 2) as [string, string];
  if (name !== sessionCookieName) throw new Error(`unexpected cookie ${name}`);
  await context.addCookies([{ name, value, url: prepared.url }]);
  // tsx keeps functions' names with a `__name` helper that the page does not have.
  await context.addInitScript({ content: `var __name = (fn) => fn; (${String(pageProbe)})();` });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const cdp = await context.newCDPSession(page);
  const profiler = options.profile ? await startProfiler(cdp) : null;
  log(`opening /groups/${prepared.groupId}/documents/${documentId} (${viewport.width}×${viewport.height})`);
  await page.goto(`${prepared.url}/groups/${prepared.groupId}/documents/${documentId}`, { waitUntil: 'commit' });
  const first = await waitForFullRender(page, annotationIds.length);
  log(`every card and highlight placed ${ms(first.firstRenderMs)} after navigation start (first card at ${ms(first.firstCardMs ?? Number.NaN)}, DOMContentLoaded at ${ms(first.domContentLoadedMs)})`);
  printTimeline(await pageTimeline(page));
  if (profiler) printProfile('first render', await profiler.take());
  await sleep(1000); // let presence and late renders settle before the arrivals
  if (profiler) await profiler.start();

  const arrivalMs: number[] = [];
  const arrivalFrameMs: number[] = [];
  const arrivalWriter = writers[1 % writers.length]!;
  for (let i = 0; i < options.arrivals; i += 1) {
    const command = createCommand(prepared.text, prepared.groupId, documentId, `One more, ${i}: does this passage agree with the cable of the 12th?`, { min: 5, max: 80 });
    await page.evaluate((id) => {
      const bench = (window as unknown as { __bench: Record<string, unknown> }).__bench;
      Object.assign(bench, { watch: id, arrivedAt: null, placedAt: null, frameDoneAt: null });
    }, command.annotationId);
    const answer = await arrivalWriter.send(command);
    if (!answer.ok) throw new Error(`the arriving command was refused: ${answer.error}`);
    const timing = await page.waitForFunction(
      () => {
        const bench = (window as unknown as { __bench: { arrivedAt: number | null; placedAt: number | null; frameDoneAt: number | null } }).__bench;
        return bench.frameDoneAt !== null ? { ...bench } : null;
      },
      undefined,
      { timeout: 30_000, polling: 50 },
    ).then((handle) => handle.jsonValue() as Promise<{ arrivedAt: number | null; placedAt: number; frameDoneAt: number }>);
    if (timing.arrivedAt === null) throw new Error('the arriving record was placed, but its Yjs update was not seen on the WebSocket');
    arrivalMs.push(timing.placedAt - timing.arrivedAt);
    arrivalFrameMs.push(timing.frameDoneAt - timing.arrivedAt);
    await sleep(500);
  }
  if (profiler) printProfile(`${options.arrivals} arrivals`, await profiler.take());
  const arrivals = summarize(arrivalMs);
  log(`one more card: arrival → placed p50 ${ms(arrivals.p50)}, max ${ms(arrivals.max)} over ${arrivals.count} arrivals`);

  const heapUsed = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  await cdp.send('HeapProfiler.collectGarbage');
  const heapUsedAfterGc = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const dom = await page.evaluate(() => ({ nodes: document.getElementsByTagName('*').length, spans: document.querySelectorAll('[data-annotations]').length }));
  if (errors.length > 0) log(`the page reported ${errors.length} error(s); the first: ${errors[0]}`);
  return {
    annotations: annotationIds.length,
    replies: options.replies,
    fillSeconds,
    firstRenderMs: first.firstRenderMs,
    firstCardMs: first.firstCardMs,
    domContentLoadedMs: first.domContentLoadedMs,
    arrivalMs,
    arrivalFrameMs,
    heapUsed,
    heapUsedAfterGc,
    domNodes: dom.nodes,
    highlightSpans: dom.spans,
  };
}

/**
 * Annotations on random passages of 5–80 characters (one in five starting inside an earlier one, so
 * overlaps are certain, not only likely), then replies spread unevenly over them: most threads short,
 * a few long. Each writer sends its next command as soon as the previous is acknowledged.
 */
async function fillRoom(prepared: PreparedServer, writers: CommandWriter[], options: MarginOptions): Promise<string[]> {
  const kinds = ['comment', 'comment', 'comment', 'question', 'correction', 'highlight'];
  const tagPool = ['arms-control', 'sdi', 'reykjavik', 'soviet-economy', 'translation', 'sources', 'chronology', 'personnel'];
  const passages: { id: string; start: number; end: number }[] = [];
  const commands: Record<string, unknown>[] = [];
  for (let i = 0; i < options.annotations; i += 1) {
    const earlier = passages.length > 0 && Math.random() < 0.2 ? passages[Math.floor(Math.random() * passages.length)]! : null;
    const kind = kinds[i % kinds.length]!;
    const command = createCommand(prepared.text, prepared.groupId, documentId, kind === 'highlight' ? '' : `Note ${i}: the wording here **matters** — compare the draft of the 10th.`, {
      min: 5,
      max: 80,
      start: earlier ? earlier.start + Math.floor((earlier.end - earlier.start) / 2) : undefined,
      kind,
      tags: [tagPool[i % tagPool.length]!, ...(i % 3 === 0 ? [tagPool[(i + 3) % tagPool.length]!] : [])],
    });
    const position = (command.selectors as { position: { start: number; end: number } }).position;
    passages.push({ id: command.annotationId, start: position.start, end: position.end });
    commands.push(command);
  }
  await sendAll(writers, commands, 'annotations');
  const replies: Record<string, unknown>[] = [];
  for (let i = 0; i < options.replies; i += 1) {
    // Squaring a uniform number skews the threads: the first annotations get the long ones.
    const annotation = passages[Math.floor(Math.random() ** 2 * passages.length)]!;
    replies.push({ type: 'reply.create', commandId: randomUUID(), replyId: randomUUID(), annotationId: annotation.id, parentId: null, body: `Reply ${i}: I read it differently; see p. ${100 + (i % 300)}.` });
  }
  await sendAll(writers, replies, 'replies');
  return passages.map((passage) => passage.id);
}

async function sendAll(writers: CommandWriter[], commands: Record<string, unknown>[], label: string): Promise<void> {
  let next = 0;
  let refused = 0;
  let firstError: string | null = null;
  await Promise.all(
    writers.map(async (writer) => {
      while (next < commands.length) {
        const command = commands[next++]!;
        const answer = await writer.send(command, 30_000);
        if (!answer.ok) {
          refused += 1;
          firstError ??= `${answer.error}: ${answer.message}`;
        }
      }
    }),
  );
  if (refused > 0) throw new Error(`${refused} of ${commands.length} ${label} commands refused; the first: ${firstError}`);
}

/** Where the first render's time went, on the page's clock: what loaded when. */
export interface PageTimeline {
  htmlMs: number;
  scripts: { name: string; startMs: number; endMs: number }[];
  fetches: { name: string; startMs: number; endMs: number }[];
  sockets: { room: string; createdAt: number; openAt: number | null; syncAt: number | null; syncBytes: number }[];
}

async function pageTimeline(page: Page): Promise<PageTimeline> {
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    // (No named functions in here: tsx would wrap them in a helper the page does not have.)
    const timed = resources.map((r) => ({ type: r.initiatorType, name: new URL(r.name).pathname, startMs: r.startTime, endMs: r.responseEnd }));
    return {
      htmlMs: navigation.responseEnd,
      scripts: timed.filter((r) => r.type === 'script' || r.type === 'link'),
      fetches: timed.filter((r) => r.type === 'fetch'),
      sockets: (window as unknown as { __bench: { sockets: PageTimeline['sockets'] } }).__bench.sockets,
    };
  });
}

function printTimeline(timeline: PageTimeline): void {
  const at = (value: number | null) => (value === null ? '—' : ms(value));
  log(`  page timeline: HTML received ${at(timeline.htmlMs)}`);
  for (const r of timeline.scripts) log(`    ${r.name}: ${at(r.startMs)} → ${at(r.endMs)}`);
  for (const r of timeline.fetches) log(`    fetch ${r.name}: ${at(r.startMs)} → ${at(r.endMs)}`);
  for (const s of timeline.sockets) log(`    room ${s.room}: socket made ${at(s.createdAt)}, open ${at(s.openAt)}, largest message (${(s.syncBytes / 1024).toFixed(0)} KiB) received ${at(s.syncAt)}`);
}

async function waitForFullRender(page: Page, count: number): Promise<{ firstRenderMs: number; firstCardMs: number | null; domContentLoadedMs: number }> {
  const handle = await page.waitForFunction(
    (expected) => {
      const bench = (window as unknown as { __bench: { lastMutationAt: number; firstCardAt: number | null } }).__bench;
      const cards = document.querySelectorAll<HTMLElement>('.margin-cards > .card');
      if (cards.length < expected) return null;
      for (const card of cards) if (card.style.top === '') return null;
      const ids = new Set<string>();
      for (const span of document.querySelectorAll<HTMLElement>('[data-annotations]')) for (const id of (span.dataset.annotations ?? '').split(' ')) ids.add(id);
      if (ids.size < expected) return null;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { firstRenderMs: bench.lastMutationAt, firstCardMs: bench.firstCardAt, domContentLoadedMs: navigation?.domContentLoadedEventEnd ?? Number.NaN };
    },
    count,
    { timeout: 120_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as { firstRenderMs: number; firstCardMs: number | null; domContentLoadedMs: number };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function startProfiler(cdp: CDPSession): Promise<{ start(): Promise<void>; take(): Promise<{ nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }> }> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const start = () => cdp.send('Profiler.start').then(() => undefined);
  await start();
  return {
    start,
    take: async () => ((await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }).profile,
  };
}

/** The functions with the most self time (build the client unminified to read the names). */
function printProfile(label: string, profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  log(`profile, ${label}: self time by function (of ${ms(total)} sampled)`);
  for (const [key, time] of [...self.entries()].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`  ${ms(time).padStart(9)}  ${key}`);
}

const versus = (figure: string, target: string, met: boolean) => `${figure}  (target ≤ ${target}${met ? '' : ' — not met'})`;

export function printMarginSummary(result: MarginResult): void {
  const arrivals = summarize(result.arrivalMs);
  const frames = summarize(result.arrivalFrameMs);
  console.log(`\n== margin: summary (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}) ==`);
  console.log(`room: ${result.annotations} annotations, ${result.replies} replies (written through ${result.fillSeconds.toFixed(1)} s of commands); ${result.highlightSpans} highlight pieces, ${result.domNodes} DOM elements`);
  console.log(`first render, navigation start → every card and highlight placed: ${versus(ms(result.firstRenderMs), '1 s', result.firstRenderMs <= targets.firstRenderMs)}`);
  console.log(`  (DOMContentLoaded at ${ms(result.domContentLoadedMs)}, first card at ${ms(result.firstCardMs ?? Number.NaN)})`);
  console.log(`one more card, Yjs update arrives → card placed: p50 ${versus(`${ms(arrivals.p50)}, max ${ms(arrivals.max)} over ${arrivals.count}`, '16 ms', arrivals.p50 <= targets.arrivalMs)}`);
  console.log(`  (to the end of that frame's rendering: p50 ${ms(frames.p50)}, max ${ms(frames.max)})`);
  console.log(`JS heap used: ${versus(mib(result.heapUsed), '100 MB', result.heapUsed <= targets.heapBytes)}; ${mib(result.heapUsedAfterGc)} after a forced GC`);
}
