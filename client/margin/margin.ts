/**
 * The margin: one card per shown annotation, each beside its passage and never overlapping another
 * (sorted by the passage's top, each pushed below the one before), laid out again whenever a card
 * opens, resizes or arrives; then the orphans, which no longer anchor in the text.
 *
 * Cards are kept by annotation id. A render rebuilds only the cards whose content changed
 * (card-version.ts) and inserts, moves or removes only the cards the new list needs (card-order.ts);
 * a layout measures only what it does not know yet (new passages, new cards' heights), all reads
 * before all writes, and writes only the tops that moved.
 */
import { el, statusMessage } from '../dom.ts';
import type { AnnotationItem, LayerView } from '../store/annotations.ts';
import { renderCard, type CardState } from './card.ts';
import { planCardOrder } from './card-order.ts';
import { cardVersionOf, isSameCardVersion, type CardVersion } from './card-version.ts';
import { placeCards } from './layout.ts';
import type { MarginContext } from './margin-context.ts';
import type { PassageTops } from './passage-tops.ts';

const gap = 8;

export interface MarginRender {
  layer: LayerView;
  shown: AnnotationItem[];
  focusedId: string | null;
  isLoading: boolean;
  /** Without the network, a layer still loading will not arrive until the connection returns. */
  isOffline: boolean;
  isFiltered: boolean;
}

export interface Margin {
  element: HTMLElement;
  /**
   * Brings the cards up to date and lays them out. What it reads (passages' tops, where the list is) it
   * reads before it changes a card, so a caller that has just changed the text (and had it laid out)
   * pays for no further layout; a few new cards among many placed ones are not measured at once either
   * (see `place`).
   */
  render(data: MarginRender): void;
  layout(): void;
  /** Moves keyboard focus to a card (after a render). */
  focusCard(id: string): void;
  destroy(): void;
}

interface CardEntry {
  item: AnnotationItem;
  card: HTMLElement;
  version: CardVersion;
  /** The card's height as last measured or observed; null until measured. */
  height: number | null;
  /** The `top` last written, so that an unmoved card is not written again. */
  writtenTop: string;
}

/** `tops`: where passages start, from the top of the document's element (`documentTop`). */
export function createMargin(context: MarginContext, tops: PassageTops, documentTop: () => number): Margin {
  const cards = el('div', { class: 'margin-cards' });
  const empty = el('div', { class: 'margin-empty' });
  const orphans = el('section', { class: 'orphans', 'aria-label': 'Orphaned annotations' });
  const element = el('div', { class: 'margin-column' }, empty, cards, orphans);
  const states = new Map<string, CardState>();
  /** The placed cards, by annotation id; `order` is their order in the DOM (document order). */
  const entries = new Map<string, CardEntry>();
  let order: string[] = [];
  let orphanEntries = new Map<string, CardEntry>();
  let emptyKey = '';
  let last: MarginRender | null = null;

  // Heights come from the observer after each layout the browser does anyway; a card that grew or
  // shrank (a thread opened, an image of text reflowed) moves the cards after it.
  const resizeObserver = new ResizeObserver((observed) => {
    let hasChanged = false;
    for (const { target, borderBoxSize } of observed) {
      const entry = entries.get((target as HTMLElement).dataset.annotationId ?? '');
      const height = Math.round(borderBoxSize[0]?.blockSize ?? (target as HTMLElement).offsetHeight);
      if (!entry || entry.card !== target || entry.height === height) continue;
      entry.height = height;
      hasChanged = true;
    }
    if (hasChanged) layout();
  });

  // Up and Down move between cards (in document order), from a card or its thread toggle.
  cards.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (!target || !(target.classList.contains('card') || target.classList.contains('card-toggle'))) return;
    const toggles = [...cards.querySelectorAll<HTMLElement>('.card-toggle')];
    const at = toggles.findIndex((toggle) => target.contains(toggle) || toggle === target);
    const next = toggles[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
      next.closest('.card')?.scrollIntoView({ block: 'nearest' });
    }
  });

  const stateOf = (id: string): CardState => {
    let state = states.get(id);
    if (!state) {
      state = { isEditing: false, hiddenBody: null, notice: null, openForm: null };
      states.set(id, state);
    }
    return state;
  };
  const rerender = () => last && render(last);

  /** The entry for `item`, its card rebuilt (and swapped in place) only if what it shows changed. */
  function upToDate(item: AnnotationItem, data: MarginRender, known: Map<string, CardEntry>): CardEntry {
    const id = item.record.id;
    const replies = data.layer.replies.get(id) ?? [];
    const isFocused = id === data.focusedId;
    const version = cardVersionOf({
      item,
      replies,
      isFocused,
      role: context.role,
      isReplaying: context.isReplaying(),
      state: stateOf(id),
      typing: isFocused ? context.replyingTo(id) : [],
    });
    const entry = known.get(id);
    if (entry && isSameCardVersion(entry.version, version)) {
      entry.item = item;
      entry.version = version;
      return entry;
    }
    const card = renderCard(item, replies, isFocused, context, stateOf(id), rerender);
    if (!entry) return { item, card, version, height: null, writtenTop: '' };
    if (entry.card.isConnected) {
      resizeObserver.unobserve(entry.card);
      entry.card.replaceWith(card);
      if (known === entries) resizeObserver.observe(card);
    }
    return Object.assign(entry, { item, card, version, height: null, writtenTop: '' });
  }

  function render(data: MarginRender): void {
    const measured = measure(data.shown.filter((item) => item.anchor.type === 'anchored'));
    const placedBefore = entries.size;
    const emptyBefore = emptyKey;
    update(data);
    // The empty message stands above the list: when it comes or goes, the list moves.
    if (emptyKey !== emptyBefore && measured.isSideBySide) measured.offset = documentTop() - cards.getBoundingClientRect().top;
    const placed = order.map((id) => entries.get(id) as CardEntry);
    // A few new cards among many placed ones are left to the observer; a margin mostly new (the first
    // render, a filter cleared) is measured at once, so that it is complete when the render ends.
    const unmeasured = placed.reduce((count, entry) => count + (entry.height === null ? 1 : 0), 0);
    place(placed, measured, unmeasured * 10 <= placedBefore);
  }

  function update(data: MarginRender): void {
    last = data;
    // Keep the keyboard where it was: the same control of the same card, if that card is rebuilt.
    const active = document.activeElement;
    const activeKey = active instanceof HTMLElement && element.contains(active) ? focusKeyOf(active) : null;
    const selection = active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : null;

    const anchored = data.shown.filter((item) => item.anchor.type === 'anchored');
    const orphaned = data.shown.filter((item) => item.anchor.type === 'orphan');
    for (const item of anchored) {
      const entry = upToDate(item, data, entries);
      if (!entries.has(item.record.id)) entries.set(item.record.id, entry);
    }
    const next = anchored.map((item) => item.record.id);
    const plan = planCardOrder(order, next);
    for (const id of plan.remove) {
      const entry = entries.get(id);
      if (!entry) continue;
      resizeObserver.unobserve(entry.card);
      entry.card.remove();
      entries.delete(id);
    }
    if (order.length === 0 && plan.place.length > 0) {
      // The first cards go in together: one insertion into the page instead of one per card.
      const fragment = document.createDocumentFragment();
      for (const id of next) fragment.append((entries.get(id) as CardEntry).card);
      cards.append(fragment);
      for (const id of next) resizeObserver.observe((entries.get(id) as CardEntry).card);
    } else {
      for (const { id, before } of plan.place) {
        const entry = entries.get(id) as CardEntry;
        const isNew = !entry.card.isConnected;
        cards.insertBefore(entry.card, before === null ? null : (entries.get(before)?.card ?? null));
        if (isNew) resizeObserver.observe(entry.card);
      }
    }
    order = next;

    renderOrphans(orphaned, data);
    showEmpty(data);
    if (activeKey && !active?.isConnected) {
      const again = element.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(activeKey)}"]`);
      if (again) {
        again.focus({ preventScroll: true });
        if (selection && again instanceof HTMLTextAreaElement) again.setSelectionRange(selection[0] ?? 0, selection[1] ?? 0);
      }
    }
  }

  function renderOrphans(orphaned: AnnotationItem[], data: MarginRender): void {
    const known = orphanEntries;
    orphanEntries = new Map();
    let hasChanged = orphaned.length !== known.size;
    for (const item of orphaned) {
      const before = known.get(item.record.id);
      const entry = upToDate(item, data, known);
      hasChanged ||= before?.card !== entry.card;
      orphanEntries.set(item.record.id, entry);
    }
    if (!hasChanged) return;
    orphans.replaceChildren();
    if (orphaned.length === 0) return;
    orphans.append(
      el('h2', { class: 'margin-heading' }, `Orphans (${orphaned.length})`),
      el('p', { class: 'quiet' }, 'These annotations’ passages are no longer in this version of the text.'),
      ...[...orphanEntries.values()].map((entry) => entry.card),
    );
  }

  function showEmpty(data: MarginRender): void {
    const key = data.isLoading ? (data.isOffline ? 'offline' : 'loading') : data.shown.length === 0 ? (data.isFiltered ? 'filtered' : 'none') : '';
    if (key === emptyKey) return;
    emptyKey = key;
    empty.replaceChildren();
    if (key === 'loading') empty.append(statusMessage('loading', 'Loading the seminar’s annotations…'));
    else if (key === 'offline') empty.append(statusMessage('empty', 'Offline: no annotations were kept on this device for this page; they will show when the connection returns.'));
    else if (key === 'filtered') empty.append(statusMessage('empty', 'No annotation matches these filters.'));
    else if (key === 'none') empty.append(statusMessage('empty', 'No annotations yet. Select a passage to start the discussion.'));
  }

  interface Measured {
    isSideBySide: boolean;
    /** From the top of the document's element to the top of the list. */
    offset: number;
    /** Aligned with the items measured. */
    passageTops: (number | null)[];
  }

  function measure(items: readonly AnnotationItem[]): Measured {
    const isSideBySide = getComputedStyle(cards).position === 'relative' && matchMedia('(min-width: 62rem)').matches;
    if (!isSideBySide) return { isSideBySide, offset: 0, passageTops: [] };
    return { isSideBySide, passageTops: tops.topsOf(items), offset: documentTop() - cards.getBoundingClientRect().top };
  }

  function layout(): void {
    const placed = order.map((id) => entries.get(id) as CardEntry);
    place(placed, measure(placed.map((entry) => entry.item)), false);
  }

  /**
   * Writes the tops. A card not measured yet is measured here (one layout of the margin), unless
   * `isHeightObserved`: among many cards already placed, a new card takes the mean height of the others
   * and its real height comes from the ResizeObserver, which reports it after the browser's next layout
   * and before that frame is painted, so the cards after it are moved before anyone sees them. The new
   * card's own top never depends on its height: it is final when written.
   */
  function place(placed: CardEntry[], measured: Measured, isHeightObserved: boolean): void {
    if (!measured.isSideBySide) {
      for (const entry of placed) write(entry, '');
      cards.style.minHeight = '';
      return;
    }
    const { passageTops, offset } = measured;
    let knownTotal = 0;
    let knownCount = 0;
    for (const entry of placed) {
      if (entry.height === null && !isHeightObserved) entry.height = entry.card.offsetHeight;
      if (entry.height === null) continue;
      knownTotal += entry.height;
      knownCount += 1;
    }
    const typicalHeight = knownCount === 0 ? 0 : knownTotal / knownCount;
    const sorted = placed.map((entry, index) => ({ entry, index, top: (passageTops[index] ?? 0) + offset })).sort((a, b) => a.top - b.top || a.index - b.index);
    const heights = sorted.map(({ entry }) => entry.height ?? typicalHeight);
    const focusedIndex = sorted.findIndex(({ entry }) => entry.item.record.id === last?.focusedId);
    const ys = placeCards(
      sorted.map(({ top }) => top),
      heights,
      focusedIndex === -1 ? null : focusedIndex,
      gap,
    );
    sorted.forEach(({ entry }, index) => write(entry, `${Math.round(ys[index] ?? 0)}px`));
    const lastIndex = sorted.length - 1;
    const bottom = lastIndex < 0 ? 0 : (ys[lastIndex] ?? 0) + (heights[lastIndex] ?? 0);
    const minHeight = `${Math.ceil(bottom)}px`;
    if (cards.style.minHeight !== minHeight) cards.style.minHeight = minHeight;
  }

  function write(entry: CardEntry, top: string): void {
    if (entry.writtenTop === top) return;
    entry.card.style.top = top;
    entry.writtenTop = top;
  }

  return {
    element,
    render,
    layout,
    focusCard(id) {
      element.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
    },
    destroy: () => resizeObserver.disconnect(),
  };
}

function focusKeyOf(active: HTMLElement): string | null {
  const key = active.closest<HTMLElement>('[data-focus-key]')?.dataset.focusKey;
  if (key) return key;
  return null;
}
